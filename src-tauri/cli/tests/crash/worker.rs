//! The tagging child: an analyst tagging, editing, deleting and undoing on one article through
//! the same `Store` calls the app's commands make. Before each change it prints what it is about
//! to do (`intent`), and after the commit returns it prints what was stored (`ack`), so the parent
//! knows which changes were acknowledged and which one may have been cut short by the kill.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use claimdesk_core::model::ids::{AnnotationId, AnnotatorId, ArticleId, LabelId};
use claimdesk_core::model::{Annotation, AnnotationPatch, Attributes, NewAnnotation};
use claimdesk_core::Store;
use serde::{Deserialize, Serialize};

/// The analyst the child tags as.
pub const TAGGER: &str = "crash tagger";
/// The title of the article the child tags.
pub const TAGGING_TITLE: &str = "Crash suite: tagging article";
/// Its text: single-code-point graphemes only, so that any offsets make a valid span.
pub const TAGGING_TEXT: &str = "Le ministère a dépensé 274 000 dollars — «selon RT» — pour des \
    tweets sponsorisés. The outlet denied it; a spokesman said the figure was invented. \
    Über 600 Konten wurden gesperrt. Nothing here is true, and nothing here is false either.";

/// What the child is about to do, and what the annotation will look like if it commits.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Intent {
    pub op: String,
    /// The annotation changed; `None` for a create, whose id the store chooses.
    pub id: Option<AnnotationId>,
    pub expect: Expect,
}

/// The fields a change sets, compared with what the database holds after the kill.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Expect {
    pub label_id: LabelId,
    pub start: i64,
    pub end: i64,
    pub note: String,
    pub deleted: bool,
}

impl Expect {
    pub fn of(a: &Annotation) -> Expect {
        Expect {
            label_id: a.label_id.clone(),
            start: a.start,
            end: a.end,
            note: a.attributes.note.clone(),
            deleted: a.deleted,
        }
    }
}

/// A change the store committed, as it returned it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Ack {
    pub op: String,
    pub annotation: Annotation,
}

/// The last acknowledged change, which an undo reverts: the annotation and its state before.
struct Done {
    id: AnnotationId,
    before: Option<Annotation>,
}

struct Tagger {
    store: Store,
    actor: AnnotatorId,
    article: ArticleId,
    chars: i64,
    labels: Vec<LabelId>,
    live: HashMap<AnnotationId, Annotation>,
    rng: fastrand::Rng,
    tag: String,
}

/// Tag until killed. Panics (and so exits early, which the parent reports) on any failure.
pub fn run(db: &Path, seed: u64) {
    let mut tagger = Tagger::open(db, seed);
    emit("ready", &seed);
    // Only a change this process made and saw acknowledged is undone, so that the child knows
    // what the undo restores.
    let mut last: Option<Done> = None;
    for n in 0u64.. {
        last = match last.take() {
            Some(done) if tagger.rng.u8(0..6) == 0 => {
                tagger.undo(done);
                None
            }
            _ => Some(tagger.change(n)),
        };
    }
}

/// One line on stdout, flushed, so that it is in the parent's file before the next step. The
/// test harness may have printed part of a line; ours always start on a fresh one.
fn emit<T: Serialize>(kind: &str, value: &T) {
    let line = serde_json::to_string(value).expect("JSON");
    let mut out = std::io::stdout().lock();
    writeln!(out, "\n{kind} {line}").expect("stdout");
    out.flush().expect("stdout");
}

impl Tagger {
    fn open(db: &Path, seed: u64) -> Tagger {
        let mut store = Store::open(db).expect("the tagging child opens the database");
        let actor = store.ensure_annotator(TAGGER).expect("analyst").id;
        let article = store
            .list_articles()
            .expect("articles")
            .into_iter()
            .find(|a| a.meta.title == TAGGING_TITLE)
            .expect("the parent stored the tagging article")
            .id;
        let labels = store.list_labels().expect("labels");
        let live = store
            .list_annotations(&article)
            .expect("annotations")
            .into_iter()
            .filter(|a| a.annotator_id == actor)
            .map(|a| (a.id.clone(), a))
            .collect();
        Tagger {
            chars: TAGGING_TEXT.chars().count() as i64,
            labels: labels
                .into_iter()
                .filter(|l| l.builtin)
                .map(|l| l.id)
                .collect(),
            store,
            actor,
            article,
            live,
            rng: fastrand::Rng::with_seed(seed),
            tag: format!("s{seed:x}"),
        }
    }

    fn change(&mut self, n: u64) -> Done {
        let target = self.pick_live();
        match (self.rng.u8(0..10), target) {
            (0..=5, _) | (_, None) => self.create(n),
            (6..=7, Some(current)) => self.update(n, current),
            (_, Some(current)) => self.delete(current),
        }
    }

    fn create(&mut self, n: u64) -> Done {
        let (start, end) = self.span();
        let label_id = self.labels[self.rng.usize(..self.labels.len())].clone();
        let attributes = Attributes {
            note: format!("note {} {n}", self.tag),
            speaker: n.is_multiple_of(3).then(|| format!("Speaker {n}")),
            tags: vec!["crash".into(), format!("{}-{n}", self.tag)],
            ..Attributes::default()
        };
        let expect = Expect {
            label_id: label_id.clone(),
            start,
            end,
            note: attributes.note.clone(),
            deleted: false,
        };
        emit("intent", &intent("create", None, expect));
        let new = NewAnnotation {
            article_id: self.article.clone(),
            label_id,
            start,
            end,
            attributes,
        };
        let stored = self.store.create_annotation(&self.actor, new);
        self.acknowledge("create", None, stored.expect("create_annotation"))
    }

    fn update(&mut self, n: u64, current: Annotation) -> Done {
        let (start, end) = self.span();
        let attributes = Attributes {
            note: format!("edited {} {n}", self.tag),
            ..current.attributes.clone()
        };
        let expect = Expect {
            start,
            end,
            note: attributes.note.clone(),
            ..Expect::of(&current)
        };
        emit("intent", &intent("update", Some(&current.id), expect));
        let patch = AnnotationPatch {
            span: Some((start, end)),
            attributes: Some(attributes),
            ..AnnotationPatch::default()
        };
        let stored = self
            .store
            .update_annotation(&self.actor, &current.id, patch);
        self.acknowledge("update", Some(current), stored.expect("update_annotation"))
    }

    fn delete(&mut self, current: Annotation) -> Done {
        let expect = Expect {
            deleted: true,
            ..Expect::of(&current)
        };
        emit("intent", &intent("delete", Some(&current.id), expect));
        let stored = self.store.delete_annotation(&self.actor, &current.id);
        self.acknowledge("delete", Some(current), stored.expect("delete_annotation"))
    }

    /// Undo the change just acknowledged: the top of this analyst's undo stack on the article.
    fn undo(&mut self, done: Done) {
        let current = self.store.get_annotation(&done.id).expect("annotation");
        let expect = match &done.before {
            Some(before) => Expect::of(before),
            None => Expect {
                deleted: true,
                ..Expect::of(&current)
            },
        };
        emit("intent", &intent("undo", Some(&done.id), expect));
        let stored = self.store.undo(&self.actor, &self.article);
        let restored = stored.expect("undo").expect("something to undo");
        self.acknowledge("undo", Some(current), restored);
    }

    fn acknowledge(&mut self, op: &str, before: Option<Annotation>, after: Annotation) -> Done {
        emit(
            "ack",
            &Ack {
                op: op.into(),
                annotation: after.clone(),
            },
        );
        let id = after.id.clone();
        if after.deleted {
            self.live.remove(&id);
        } else {
            self.live.insert(id.clone(), after);
        }
        Done { id, before }
    }

    fn pick_live(&mut self) -> Option<Annotation> {
        let mut ids: Vec<&AnnotationId> = self.live.keys().collect();
        ids.sort();
        let id = (!ids.is_empty()).then(|| ids[self.rng.usize(..ids.len())].clone())?;
        self.live.get(&id).cloned()
    }

    fn span(&mut self) -> (i64, i64) {
        let start = self.rng.i64(0..self.chars - 1);
        (start, (start + self.rng.i64(1..=40)).min(self.chars))
    }
}

fn intent(op: &str, id: Option<&AnnotationId>, expect: Expect) -> Intent {
    Intent {
        op: op.into(),
        id: id.cloned(),
        expect,
    }
}
