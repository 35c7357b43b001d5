//! Six analysts, each with a file of their own and a role on the server, make 500 random edits
//! each at the same time, some to the same annotations, syncing now and then. Afterwards: every
//! op applied exactly once at gapless versions, every file equal to the server table by table,
//! and a race on the same field of the same annotations gives exactly one conflict per losing
//! change, with both values and both analysts.

use std::collections::{BTreeMap, BTreeSet};

use claimdesk_core::db::queries::synced_rows::SYNCED_TABLES;
use claimdesk_core::model::ids::AnnotationId;
use claimdesk_core::model::{AnnotationPatch, Attributes};

use super::{Analyst, Team};
use crate::support::{paste, CLAIM, QUOTE};

const ANALYSTS: usize = 6;
const EDITS: usize = 500;
const SHARED: usize = 12;

/// A small deterministic generator (xorshift), one stream per analyst.
struct Dice(u64);

impl Dice {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

fn note(a: &Analyst, id: &AnnotationId, text: String) -> AnnotationPatch {
    let mut attributes = a.store.get_annotation(id).unwrap().attributes;
    attributes.note = text;
    AnnotationPatch {
        attributes: Some(attributes),
        ..AnnotationPatch::default()
    }
}

/// A verdict other than the one the annotation has, so that every edit changes something.
fn verdict(a: &Analyst, id: &AnnotationId, dice: &mut Dice) -> AnnotationPatch {
    let mut attributes = a.store.get_annotation(id).unwrap().attributes;
    let others: Vec<&str> = ["true", "false", "mixed", "unverifiable"]
        .into_iter()
        .filter(|v| attributes.verdict.as_deref() != Some(*v))
        .collect();
    attributes.verdict = Some(others[dice.below(others.len())].to_owned());
    AnnotationPatch {
        attributes: Some(attributes),
        ..AnnotationPatch::default()
    }
}

/// One random edit; each makes exactly one annotation op.
fn random_edit(
    a: &mut Analyst,
    dice: &mut Dice,
    shared: &[AnnotationId],
    own: &mut Vec<AnnotationId>,
    k: usize,
) {
    let article = a.store.list_articles().unwrap()[0].id.clone();
    let me = a.id.clone();
    match dice.below(10) {
        0..=2 => {
            let start = dice.below(400) as i64;
            let label = if dice.below(2) == 0 { CLAIM } else { QUOTE };
            let new = claimdesk_core::model::NewAnnotation {
                article_id: article,
                label_id: label.into(),
                start,
                end: start + 1 + dice.below(20) as i64,
                attributes: Attributes::default(),
            };
            own.push(a.store.create_annotation(&me, new).unwrap().id);
        }
        3..=5 => {
            let id = shared[dice.below(shared.len())].clone();
            let patch = note(a, &id, format!("{} edit {k}", a.role));
            a.store.update_annotation(&me, &id, patch).unwrap();
        }
        6 | 7 if !own.is_empty() => {
            let id = own[dice.below(own.len())].clone();
            let patch = verdict(a, &id, dice);
            a.store.update_annotation(&me, &id, patch).unwrap();
        }
        8 if own.len() > 1 => {
            let id = own.swap_remove(dice.below(own.len()));
            a.store.delete_annotation(&me, &id).unwrap();
        }
        _ => {
            let id = shared[dice.below(shared.len())].clone();
            let patch = verdict(a, &id, dice);
            a.store.update_annotation(&me, &id, patch).unwrap();
        }
    }
}

/// The server's rows of one entity, as id -> fields.
fn server_rows(team: &Team, entity: &str) -> BTreeMap<String, serde_json::Value> {
    let json = team.psql(&format!(
        "SELECT coalesce(jsonb_object_agg(id, fields), '{{}}') FROM cd.row WHERE entity = '{entity}'"
    ));
    serde_json::from_str(&json).unwrap()
}

#[test]
fn six_analysts_making_500_edits_each_converge_with_every_op_applied_once() {
    let team = Team::new("stress");
    let mut lead = Analyst::new(&team, "Lead");
    let text = "Claim and counter-claim. ".repeat(40);
    let article = paste(&mut lead.store, &text);
    let shared: Vec<AnnotationId> = (0..SHARED)
        .map(|i| {
            let new = claimdesk_core::model::NewAnnotation {
                article_id: article.id.clone(),
                label_id: CLAIM.into(),
                start: (i * 25) as i64,
                end: (i * 25 + 5) as i64,
                attributes: Attributes::default(),
            };
            lead.store.create_annotation(&lead.id, new).unwrap().id
        })
        .collect();
    lead.join(&team);
    lead.sync();
    let mut analysts: Vec<Analyst> = (0..ANALYSTS)
        .map(|i| {
            let mut a = Analyst::new(&team, &format!("A{i}"));
            a.join(&team);
            a.sync();
            a
        })
        .collect();
    let start_version: i64 = team
        .psql("SELECT max(version) FROM cd.applied_ops")
        .parse()
        .unwrap();

    let handles: Vec<_> = analysts
        .drain(..)
        .enumerate()
        .map(|(i, mut a)| {
            let shared = shared.clone();
            std::thread::spawn(move || {
                let mut dice = Dice(0x9E37_79B9_7F4A_7C15 ^ ((i as u64 + 1) * 0x1234_5678));
                let mut own = Vec::new();
                let mut ops = 0;
                for k in 0..EDITS {
                    let before = a.store.pending_op_count().unwrap();
                    random_edit(&mut a, &mut dice, &shared, &mut own, k);
                    ops += a.store.pending_op_count().unwrap() - before;
                    if dice.below(8) == 0 {
                        a.sync();
                    }
                }
                a.sync();
                (a, ops)
            })
        })
        .collect();
    let mut ops_made = 0;
    for h in handles {
        let (a, ops) = h.join().unwrap();
        ops_made += ops;
        analysts.push(a);
    }
    for a in analysts.iter_mut().chain([&mut lead]) {
        a.sync();
    }

    // Exactly once: every edit made one annotation op and one history op.
    assert_eq!(ops_made, (2 * ANALYSTS * EDITS) as i64);
    let after = |filter: &str| -> i64 {
        team.psql(&format!(
            "SELECT count(*) FROM cd.applied_ops WHERE version > {start_version} {filter}"
        ))
        .parse()
        .unwrap()
    };
    assert_eq!(
        after("AND entity = 'annotation'"),
        (ANALYSTS * EDITS) as i64
    );
    assert_eq!(after(""), ops_made);
    let versions = team.psql(
        "SELECT count(*) || ' ' || count(DISTINCT version) || ' ' || max(version) FROM cd.applied_ops",
    );
    let n: i64 = team
        .psql("SELECT count(*) FROM cd.applied_ops")
        .parse()
        .unwrap();
    assert_eq!(
        versions,
        format!("{n} {n} {n}"),
        "versions 1..={n} without a gap"
    );

    // Every file equals the server, table by table.
    for t in SYNCED_TABLES {
        let on_server = server_rows(&team, t.entity);
        for a in analysts.iter().chain([&lead]) {
            let local = a.store.synced_rows_of(t).unwrap();
            let local: BTreeMap<String, serde_json::Value> = local
                .into_iter()
                .map(|(id, f)| (id, serde_json::Value::Object(f)))
                .collect();
            assert_eq!(
                local.keys().collect::<BTreeSet<_>>(),
                on_server.keys().collect::<BTreeSet<_>>(),
                "{} rows of {}",
                t.table,
                a.role
            );
            let differing = local
                .iter()
                .find(|(id, row)| on_server.get(*id) != Some(*row));
            assert!(
                differing.is_none(),
                "{} differs in {}'s file: {differing:?} on the server: {:?}",
                t.table,
                a.role,
                differing.map(|(id, _)| &on_server[id])
            );
        }
    }
    let conflicts: i64 = team
        .psql("SELECT count(*) FROM cd.applied_ops WHERE conflict")
        .parse()
        .unwrap();
    for a in analysts.iter().chain([&lead]) {
        let listed = a.store.list_sync_conflicts().unwrap();
        assert_eq!(
            listed.len() as i64,
            conflicts,
            "every file lists every conflict"
        );
        for c in &listed {
            assert_ne!(
                c.ours, c.theirs,
                "a conflict is between two different values"
            );
            assert!(c.our_author.is_some() && c.their_author.is_some());
            assert_ne!(c.our_author, c.their_author);
        }
    }
    assert!(
        conflicts > 0,
        "shared annotations were edited at the same time"
    );
}
