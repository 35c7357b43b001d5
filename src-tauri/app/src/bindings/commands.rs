//! The command table (ui/src/api/generated/commands.ts): every `#[tauri::command]` fn in
//! commands/*.rs, read from the source with syn, with the arguments the webview sends and what
//! the command resolves to. Arguments are named as Tauri names them (camelCase unless the
//! attribute's `rename_all` says otherwise); the ones Tauri injects (state, app handle, window)
//! are left out. The table holds exactly the commands lib.rs registers in `generate_handler!`, so
//! a command annotated but not registered, or registered but not annotated, fails here.

use std::collections::BTreeMap;
use std::path::Path;

use heck::{ToLowerCamelCase, ToSnakeCase};
use syn::ext::IdentExt;
use syn::{FnArg, Item, ItemFn, LitStr, Pat, Token};

use super::handler::{check_registered, registered_commands};
use super::ts_type::{last_segment, Declared, Imports, TypeWriter};

/// Where the generated table lives, relative to the repository root.
pub const COMMANDS_FILE: &str = "ui/src/api/generated/commands.ts";
/// The folder whose `*.rs` files hold the command fns.
const COMMANDS_DIR: &str = "src-tauri/app/src/commands";
/// The file that registers the commands.
const BUILDER_FILE: &str = "src-tauri/app/src/lib.rs";
/// Argument types Tauri fills in itself: the webview never sends them.
const INJECTED: &[&str] = &["State", "AppHandle", "Window", "WebviewWindow", "Webview"];

/// One command as the webview calls it.
#[derive(Debug)]
pub struct Command {
    /// The name the webview invokes (the fn's, unless the attribute renames it).
    pub name: String,
    /// The Rust fn's name, as `generate_handler!` lists it.
    pub fn_name: String,
    /// Argument keys and their TypeScript types, in declaration order.
    pub args: Vec<(String, String)>,
    /// What the command resolves to, in TypeScript.
    pub result: String,
}

/// The table's full text, from the source under `root`; an error says which command or file is
/// wrong and why.
pub fn command_table(root: &Path, declared: &Declared) -> Result<String, String> {
    let mut writer = TypeWriter::new(declared);
    let mut commands = BTreeMap::new();
    for file in source_files(&root.join(COMMANDS_DIR))? {
        let source = read(&file)?;
        let shown = file.strip_prefix(root).unwrap_or(&file).display();
        let in_file =
            commands_in_source(&source, &mut writer).map_err(|e| format!("{shown}: {e}"))?;
        for command in in_file {
            if let Some(twin) = commands.insert(command.name.clone(), command) {
                return Err(format!("two commands are named `{}`", twin.name));
            }
        }
    }
    let registered = registered_commands(&read(&root.join(BUILDER_FILE))?)
        .map_err(|e| format!("{BUILDER_FILE}: {e}"))?;
    let annotated = commands.values().map(|c| c.fn_name.clone()).collect();
    check_registered(&annotated, &registered)?;
    Ok(render(&commands, &writer.imports))
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// The folder's `.rs` files, sorted so that errors come in a stable order.
fn source_files(dir: &Path) -> Result<Vec<std::path::PathBuf>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut files: Vec<_> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "rs"))
        .collect();
    files.sort();
    Ok(files)
}

/// The commands declared at the top level of one source file.
pub fn commands_in_source(source: &str, writer: &mut TypeWriter) -> Result<Vec<Command>, String> {
    let file = syn::parse_file(source).map_err(|e| e.to_string())?;
    let mut commands = Vec::new();
    for item in &file.items {
        let Item::Fn(function) = item else { continue };
        let Some(attribute) = function.attrs.iter().find(|a| is_tauri_command(a.path())) else {
            continue;
        };
        let fn_name = function.sig.ident.to_string();
        let command = read_command(function, attribute, writer)
            .map_err(|e| format!("command `{fn_name}`: {e}"))?;
        commands.push(command);
    }
    Ok(commands)
}

fn is_tauri_command(path: &syn::Path) -> bool {
    let names: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
    names == ["tauri", "command"]
}

/// What the attribute's `rename` and `rename_all` say (Tauri's defaults otherwise).
struct Naming {
    rename: Option<String>,
    snake_case: bool,
}

fn naming(attribute: &syn::Attribute) -> Result<Naming, String> {
    let mut naming = Naming {
        rename: None,
        snake_case: false,
    };
    if !matches!(attribute.meta, syn::Meta::List(_)) {
        return Ok(naming);
    }
    let parsed = attribute.parse_nested_meta(|meta| {
        if meta.path.is_ident("rename_all") {
            let case: LitStr = meta.value()?.parse()?;
            naming.snake_case = match case.value().as_str() {
                "snake_case" => true,
                "camelCase" => false,
                _ => return Err(meta.error("expected \"camelCase\" or \"snake_case\"")),
            };
        } else if meta.path.is_ident("rename") {
            naming.rename = Some(meta.value()?.parse::<LitStr>()?.value());
        } else if meta.input.peek(Token![=]) {
            meta.value()?.parse::<syn::Expr>()?;
        }
        Ok(())
    });
    parsed.map_err(|e| e.to_string())?;
    Ok(naming)
}

fn read_command(
    function: &ItemFn,
    attribute: &syn::Attribute,
    writer: &mut TypeWriter,
) -> Result<Command, String> {
    let naming = naming(attribute)?;
    let mut args = Vec::new();
    for input in &function.sig.inputs {
        let FnArg::Typed(arg) = input else {
            return Err("a command cannot take self".to_owned());
        };
        let injected =
            last_segment(&arg.ty).is_some_and(|s| INJECTED.contains(&&*s.ident.to_string()));
        if injected {
            continue;
        }
        let Pat::Ident(pattern) = &*arg.pat else {
            return Err("an argument that is not a plain name".to_owned());
        };
        let rust_name = pattern.ident.unraw().to_string();
        let key = match naming.snake_case {
            true => rust_name.to_snake_case(),
            false => rust_name.to_lower_camel_case(),
        };
        let ty = writer
            .write(&arg.ty)
            .map_err(|e| format!("argument `{rust_name}`: {e}"))?;
        args.push((key, ty));
    }
    let fn_name = function.sig.ident.to_string();
    Ok(Command {
        name: naming.rename.unwrap_or_else(|| fn_name.clone()),
        result: writer.write_result(&function.sig.output)?,
        fn_name,
        args,
    })
}

fn render(commands: &BTreeMap<String, Command>, imports: &Imports) -> String {
    let mut out = String::from(
        "// Generated from the command functions by `make bindings`. Do not edit: change the command.\n\n",
    );
    if imports.channel {
        out.push_str("import type { Channel } from \"@tauri-apps/api/core\";\n");
    }
    for (names, file) in [(&imports.app, "./app"), (&imports.core, "./core")] {
        if !names.is_empty() {
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            out.push_str(&format!(
                "import type {{ {} }} from \"{file}\";\n",
                names.join(", ")
            ));
        }
    }
    out.push_str(
        "\n/** Every command the app registers: the arguments the webview sends (null: none) and \
         what it resolves to. */\nexport interface Commands {\n",
    );
    for command in commands.values() {
        let args = match command.args.as_slice() {
            [] => "null".to_owned(),
            args => {
                let fields: Vec<String> = args.iter().map(|(k, t)| format!("{k}: {t}")).collect();
                format!("{{ {} }}", fields.join("; "))
            }
        };
        out.push_str(&format!(
            "  {}: {{ args: {args}; result: {} }};\n",
            command.name, command.result
        ));
    }
    out.push_str("}\n\n/** A command's name. */\nexport type CommandName = keyof Commands;\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn declared() -> Declared {
        Declared::from_files(
            "export type ArticleId = string;\n\nexport type ExportProgress = { n: number, };\n",
            "export type Startup = { db_path: string, };\n",
        )
    }

    fn commands(source: &str) -> Result<Vec<Command>, String> {
        let declared = declared();
        commands_in_source(source, &mut TypeWriter::new(&declared))
    }

    #[test]
    fn arguments_are_camel_cased_and_injected_ones_left_out() {
        let found = commands(
            "#[tauri::command]
             pub async fn import_paths(app: AppHandle, state: State<'_, AppState>, window: WebviewWindow,
                 article_id: ArticleId, on_progress: Channel<ExportProgress>) -> Result<Startup, IpcError> {}
             pub fn not_a_command(x: Unknown) {}",
        )
        .unwrap();
        assert_eq!(found.len(), 1);
        let args: Vec<(&str, &str)> = found[0].args.iter().map(|(k, t)| (&**k, &**t)).collect();
        assert_eq!(
            args,
            [
                ("articleId", "ArticleId"),
                ("onProgress", "Channel<ExportProgress>")
            ]
        );
        assert_eq!(found[0].result, "Startup");
    }

    #[test]
    fn the_attribute_can_keep_snake_case_and_rename_the_command() {
        let found = commands(
            "#[tauri::command(rename_all = \"snake_case\", rename = \"open\")]
             pub fn open_article(article_id: ArticleId) {}",
        )
        .unwrap();
        assert_eq!(
            (found[0].name.as_str(), found[0].fn_name.as_str()),
            ("open", "open_article")
        );
        assert_eq!(found[0].args[0].0, "article_id");
        assert_eq!(found[0].result, "null");
    }

    #[test]
    fn an_undeclared_type_names_the_command_and_the_type() {
        let refused = commands(
            "#[tauri::command] pub fn fresh(state: State<'_, AppState>, draft: NewThing) -> u32 { 1 }",
        )
        .unwrap_err();
        assert!(
            refused.contains("`fresh`") && refused.contains("`NewThing`"),
            "{refused}"
        );
    }
}
