use claimdesk_core::model::{LabelKind, LabelPatch, NewLabel};

use crate::support::*;

fn bot_label() -> NewLabel {
    NewLabel {
        name: "Bot network".into(),
        color: "#AA33CC".into(),
        hotkey: Some("B".into()),
    }
}

#[test]
fn every_file_starts_with_the_three_built_in_labels() {
    let (_dir, store) = temp_store();
    let labels = store.list_labels().unwrap();
    let kinds: Vec<(String, LabelKind, Option<String>)> = labels
        .into_iter()
        .map(|l| (l.name, l.kind, l.hotkey))
        .collect();
    assert_eq!(
        kinds,
        [
            ("claim".to_owned(), LabelKind::Claim, Some("c".to_owned())),
            ("figure".to_owned(), LabelKind::Figure, Some("f".to_owned())),
            ("quote".to_owned(), LabelKind::Quote, Some("q".to_owned())),
        ]
    );
}

#[test]
fn custom_labels_are_created_renamed_rekeyed_and_retired() {
    let (_dir, mut store) = temp_store();
    let label = store.create_label(bot_label()).unwrap();
    assert_eq!(
        (label.color.as_str(), label.hotkey.as_deref()),
        ("#aa33cc", Some("b"))
    );
    let renamed = store
        .update_label(
            &label.id,
            LabelPatch {
                name: Some("Bot farm".into()),
                hotkey: Some("".into()),
                color: None,
            },
        )
        .unwrap();
    assert_eq!((renamed.name.as_str(), renamed.hotkey), ("Bot farm", None));
    let retired = store.retire_label(&label.id).unwrap();
    assert!(retired.retired);
    // A retired label frees its name and key for a new one.
    store.create_label(bot_label()).unwrap();
}

#[test]
fn clashing_or_reserved_hotkeys_and_bad_colours_are_refused() {
    let (_dir, mut store) = temp_store();
    let cases = [
        (Some("c"), "#123456", "already tags \"claim\""),
        (Some("j"), "#123456", "used by the workbench"),
        (Some("bb"), "#123456", "one letter"),
        (Some("x"), "red", "#rrggbb"),
    ];
    for (key, color, expected) in cases {
        let err = store
            .create_label(NewLabel {
                name: "Test".into(),
                color: color.into(),
                hotkey: key.map(str::to_owned),
            })
            .unwrap_err()
            .to_string();
        assert!(err.contains(expected), "{key:?} {color}: {err}");
    }
    let dup = store
        .create_label(NewLabel {
            name: "CLAIM".into(),
            color: "#123456".into(),
            hotkey: None,
        })
        .unwrap_err();
    assert!(dup.to_string().contains("already exists"));
}

#[test]
fn built_in_labels_cannot_be_retired() {
    let (_dir, mut store) = temp_store();
    let claim = store.list_labels().unwrap().remove(0);
    assert!(store.retire_label(&claim.id).is_err());
}

#[test]
fn verdict_scale_is_edited_and_kept_in_the_file() {
    let (dir, mut store) = temp_store();
    assert!(store
        .get_verdict_scale()
        .unwrap()
        .contains(&"mostly false".to_owned()));
    let scale = store
        .set_verdict_scale(vec![
            " true ".into(),
            "false".into(),
            "FALSE".into(),
            "".into(),
        ])
        .unwrap();
    assert_eq!(scale, ["true", "false"]);
    drop(store);
    let store = claimdesk_core::Store::open(&dir.path().join("test.sqlite")).unwrap();
    assert_eq!(store.get_verdict_scale().unwrap(), ["true", "false"]);
    let mut store = store;
    assert!(store.set_verdict_scale(vec![" ".into()]).is_err());
}
