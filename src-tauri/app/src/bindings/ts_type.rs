//! Rust types of command arguments and results written as the TypeScript that serde's JSON gives
//! the webview. A named type must be one the generated declarations (core.ts, app.ts) export:
//! a command that carries a type the UI has no declaration for is an error, not an `any`.

use std::collections::BTreeSet;

use syn::{GenericArgument, PathArguments, ReturnType, Type};

/// Rust number types: all of them reach the webview as a JSON number.
const NUMBERS: &[&str] = &[
    "i8", "i16", "i32", "i64", "i128", "isize", "u8", "u16", "u32", "u64", "u128", "usize", "f32",
    "f64",
];

/// The `export type` names of each generated declarations file.
#[derive(Debug, Default)]
pub struct Declared {
    /// Names exported by generated/core.ts.
    pub core: BTreeSet<String>,
    /// Names exported by generated/app.ts.
    pub app: BTreeSet<String>,
}

impl Declared {
    /// The names the two files' texts export.
    pub fn from_files(core: &str, app: &str) -> Self {
        Self {
            core: exported_names(core),
            app: exported_names(app),
        }
    }
}

/// Names after `export type` at the start of a line (ts-rs writes one declaration per line start).
fn exported_names(typescript: &str) -> BTreeSet<String> {
    typescript
        .lines()
        .filter_map(|line| line.strip_prefix("export type "))
        .filter_map(|rest| {
            rest.split(|c: char| !c.is_alphanumeric() && c != '_')
                .next()
        })
        .map(str::to_owned)
        .collect()
}

/// What the written types refer to, for the table's import lines.
#[derive(Debug, Default)]
pub struct Imports {
    /// Whether `Channel` (from @tauri-apps/api/core) is used.
    pub channel: bool,
    /// Names to import from ./core.
    pub core: BTreeSet<String>,
    /// Names to import from ./app.
    pub app: BTreeSet<String>,
}

/// Writes Rust types as TypeScript and records the imports they need.
pub struct TypeWriter<'a> {
    declared: &'a Declared,
    /// Everything the types written so far refer to.
    pub imports: Imports,
}

impl<'a> TypeWriter<'a> {
    /// A writer that accepts the named types in `declared`.
    pub fn new(declared: &'a Declared) -> Self {
        Self {
            declared,
            imports: Imports::default(),
        }
    }

    /// `ty` as TypeScript, or why it cannot be written.
    pub fn write(&mut self, ty: &Type) -> Result<String, String> {
        match ty {
            Type::Reference(reference) => self.write(&reference.elem),
            Type::Paren(inner) => self.write(&inner.elem),
            Type::Group(inner) => self.write(&inner.elem),
            Type::Slice(slice) => Ok(array_of(&self.write(&slice.elem)?)),
            Type::Tuple(tuple) if tuple.elems.is_empty() => Ok("null".to_owned()),
            Type::Tuple(tuple) => {
                let items: Result<Vec<_>, _> = tuple.elems.iter().map(|t| self.write(t)).collect();
                Ok(format!("[{}]", items?.join(", ")))
            }
            Type::Path(path) if path.qself.is_none() => self.write_path(&path.path),
            _ => Err(
                "a kind of type the command table cannot write (only named types, \
                      references, slices and tuples)"
                    .to_owned(),
            ),
        }
    }

    /// What a command resolves to: `T` for `Result<T, IpcError>` and for `T`, null for nothing.
    pub fn write_result(&mut self, output: &ReturnType) -> Result<String, String> {
        let ReturnType::Type(_, ty) = output else {
            return Ok("null".to_owned());
        };
        let Some(segment) = last_segment(ty).filter(|s| s.ident == "Result") else {
            return self.write(ty);
        };
        match type_arguments(segment)?.as_slice() {
            [ok, Type::Path(error)] if error.path.is_ident("IpcError") => self.write(ok),
            _ => Err(
                "a Result whose error is not IpcError (the UI reads every failure as \
                      an IpcError)"
                    .to_owned(),
            ),
        }
    }

    fn write_path(&mut self, path: &syn::Path) -> Result<String, String> {
        let segment = path.segments.last().ok_or("an empty path")?;
        let name = segment.ident.to_string();
        let arguments: Result<Vec<_>, _> = type_arguments(segment)?
            .into_iter()
            .map(|t| self.write(t))
            .collect();
        let arguments = arguments?;
        Ok(match (name.as_str(), arguments.as_slice()) {
            ("String" | "str" | "PathBuf" | "Path" | "char", []) => "string".to_owned(),
            ("bool", []) => "boolean".to_owned(),
            (number, []) if NUMBERS.contains(&number) => "number".to_owned(),
            ("Vec", [item]) => array_of(item),
            ("Option", [inner]) => format!("{inner} | null"),
            ("Channel", [message]) => {
                self.imports.channel = true;
                format!("Channel<{message}>")
            }
            _ => self.write_named(&name, &arguments)?,
        })
    }

    /// A type declared in the generated files, with its type arguments if it has any.
    fn write_named(&mut self, name: &str, arguments: &[String]) -> Result<String, String> {
        if self.declared.core.contains(name) {
            self.imports.core.insert(name.to_owned());
        } else if self.declared.app.contains(name) {
            self.imports.app.insert(name.to_owned());
        } else {
            return Err(format!(
                "`{name}` is not declared in generated/core.ts or generated/app.ts \
                 (add it to the bindings' declarations)"
            ));
        }
        Ok(match arguments {
            [] => name.to_owned(),
            _ => format!("{name}<{}>", arguments.join(", ")),
        })
    }
}

/// An array of `item`, parenthesised when `item` is a union.
fn array_of(item: &str) -> String {
    if item.contains(" | ") {
        format!("({item})[]")
    } else {
        format!("{item}[]")
    }
}

/// The last segment of a plain path type (through references).
pub fn last_segment(ty: &Type) -> Option<&syn::PathSegment> {
    match ty {
        Type::Reference(reference) => last_segment(&reference.elem),
        Type::Path(path) if path.qself.is_none() => path.path.segments.last(),
        _ => None,
    }
}

/// The type arguments of `Name<...>`; lifetimes are skipped, anything else is refused.
fn type_arguments(segment: &syn::PathSegment) -> Result<Vec<&Type>, String> {
    let PathArguments::AngleBracketed(arguments) = &segment.arguments else {
        return match segment.arguments {
            PathArguments::None => Ok(Vec::new()),
            _ => Err(format!("`{}(..)`: a function type", segment.ident)),
        };
    };
    let mut types = Vec::new();
    for argument in &arguments.args {
        match argument {
            GenericArgument::Type(ty) => types.push(ty),
            GenericArgument::Lifetime(_) => {}
            _ => return Err(format!("`{}<..>`: an unsupported argument", segment.ident)),
        }
    }
    Ok(types)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn declared() -> Declared {
        Declared::from_files(
            "export type ArticleId = string;\n\nexport type ExportProgress = { done: number, };\n",
            "import type { Preferences } from \"./core\";\n\nexport type IpcError = { \n",
        )
    }

    fn written(rust: &str) -> Result<String, String> {
        let declared = declared();
        TypeWriter::new(&declared).write(&syn::parse_str(rust).unwrap())
    }

    fn result_of(signature: &str) -> Result<String, String> {
        let declared = declared();
        let item: syn::ItemFn = syn::parse_str(&format!("{signature} {{}}")).unwrap();
        TypeWriter::new(&declared).write_result(&item.sig.output)
    }

    #[test]
    fn plain_rust_types_become_their_json_types() {
        for (rust, typescript) in [
            ("String", "string"),
            ("&str", "string"),
            ("std::path::PathBuf", "string"),
            ("u32", "number"),
            ("i64", "number"),
            ("f64", "number"),
            ("bool", "boolean"),
            ("()", "null"),
        ] {
            assert_eq!(written(rust).as_deref(), Ok(typescript), "{rust}");
        }
    }

    #[test]
    fn containers_nest_and_unions_are_parenthesised_inside_arrays() {
        assert_eq!(written("Vec<String>").as_deref(), Ok("string[]"));
        assert_eq!(
            written("Option<ArticleId>").as_deref(),
            Ok("ArticleId | null")
        );
        assert_eq!(
            written("Vec<Option<ArticleId>>").as_deref(),
            Ok("(ArticleId | null)[]")
        );
        assert_eq!(
            written("Option<(i64, i64)>").as_deref(),
            Ok("[number, number] | null")
        );
    }

    #[test]
    fn named_types_and_channels_are_imported_from_the_file_that_declares_them() {
        let declared = declared();
        let mut writer = TypeWriter::new(&declared);
        let channel = syn::parse_str("tauri::ipc::Channel<ExportProgress>").unwrap();
        assert_eq!(writer.write(&channel).unwrap(), "Channel<ExportProgress>");
        assert_eq!(
            writer.write(&syn::parse_str("IpcError").unwrap()).unwrap(),
            "IpcError"
        );
        assert!(writer.imports.channel);
        assert_eq!(
            writer.imports.core,
            BTreeSet::from(["ExportProgress".to_owned()])
        );
        assert_eq!(writer.imports.app, BTreeSet::from(["IpcError".to_owned()]));
    }

    #[test]
    fn a_type_the_generated_files_do_not_declare_is_refused_by_name() {
        let refused = written("Vec<UnexportedThing>").unwrap_err();
        assert!(refused.contains("`UnexportedThing`"), "{refused}");
        assert!(written("HashMap<String, ArticleId>")
            .unwrap_err()
            .contains("`HashMap`"));
        assert!(written("fn(u32) -> u32").is_err());
    }

    #[test]
    fn results_resolve_to_their_success_type_and_nothing_to_null() {
        assert_eq!(
            result_of("fn f() -> Result<Vec<ArticleId>, IpcError>").as_deref(),
            Ok("ArticleId[]")
        );
        assert_eq!(
            result_of("fn f() -> Option<String>").as_deref(),
            Ok("string | null")
        );
        assert_eq!(result_of("fn f()").as_deref(), Ok("null"));
        assert!(result_of("fn f() -> Result<u32, String>")
            .unwrap_err()
            .contains("IpcError"));
    }
}
