//! Which commands lib.rs registers (the fn names in its `generate_handler!`, read with syn), and
//! the check that they are exactly the `#[tauri::command]` fns the command table found: a
//! command annotated but never registered, or registered but not annotated, is named.

use std::collections::BTreeSet;

use syn::punctuated::Punctuated;
use syn::visit::Visit;
use syn::Token;

/// The fn names `generate_handler!` lists in the builder's source.
pub fn registered_commands(builder_source: &str) -> Result<BTreeSet<String>, String> {
    let file = syn::parse_file(builder_source).map_err(|e| e.to_string())?;
    let mut finder = HandlerFinder::default();
    finder.visit_file(&file);
    match finder.lists.as_slice() {
        [Ok(names)] => Ok(names.clone()),
        [Err(e)] => Err(format!("generate_handler!: {e}")),
        lists => Err(format!(
            "expected one generate_handler!, found {}",
            lists.len()
        )),
    }
}

/// Collects the fn names of every `generate_handler![...]` in a file.
#[derive(Default)]
struct HandlerFinder {
    lists: Vec<Result<BTreeSet<String>, String>>,
}

impl<'ast> Visit<'ast> for HandlerFinder {
    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        if mac
            .path
            .segments
            .last()
            .is_some_and(|s| s.ident == "generate_handler")
        {
            let paths = mac.parse_body_with(Punctuated::<syn::Path, Token![,]>::parse_terminated);
            let names = paths.map_err(|e| e.to_string()).map(|paths| {
                let last = |p: &syn::Path| p.segments.last().map(|s| s.ident.to_string());
                paths.iter().filter_map(last).collect()
            });
            self.lists.push(names);
        }
        syn::visit::visit_macro(self, mac);
    }
}

/// Every annotated command is registered and every registered one annotated.
pub fn check_registered(
    annotated: &BTreeSet<String>,
    registered: &BTreeSet<String>,
) -> Result<(), String> {
    let unregistered: Vec<_> = annotated.difference(registered).cloned().collect();
    let unannotated: Vec<_> = registered.difference(annotated).cloned().collect();
    let mut problems = Vec::new();
    if !unregistered.is_empty() {
        problems.push(format!(
            "#[tauri::command] in commands/ but not in generate_handler!: {}",
            unregistered.join(", ")
        ));
    }
    if !unannotated.is_empty() {
        problems.push(format!(
            "in generate_handler! but no #[tauri::command] fn in commands/*.rs: {}",
            unannotated.join(", ")
        ));
    }
    match problems.is_empty() {
        true => Ok(()),
        false => Err(problems.join("; ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registration_and_annotation_must_agree() {
        let registered = registered_commands(
            "fn run() { builder.invoke_handler(tauri::generate_handler![
                 commands::a::one, commands::b::two,
             ]).run(ctx) }",
        )
        .unwrap();
        assert_eq!(
            registered,
            BTreeSet::from(["one".to_owned(), "two".to_owned()])
        );
        let annotated = BTreeSet::from(["one".to_owned(), "three".to_owned()]);
        let refused = check_registered(&annotated, &registered).unwrap_err();
        assert!(
            refused.contains("not in generate_handler!: three"),
            "{refused}"
        );
        assert!(
            refused.contains("no #[tauri::command] fn in commands/*.rs: two"),
            "{refused}"
        );
    }

    #[test]
    fn a_builder_without_generate_handler_is_an_error() {
        assert!(registered_commands("fn run() {}").is_err());
    }
}
