//! TypeScript declarations of the types that cross into the UI, generated from the Rust types so
//! the two cannot drift: a test compares them with the committed file and fails when it is stale
//! (`make bindings` rewrites it). Compiled only with the test-only `bindings` feature, so that the
//! shipped app does not link ts-rs.

use ts_rs::TS;

use crate::analysis::agreement::{
    AgreementQuery, AgreementReport, AgreementRow, AgreementUnit, LabelRef,
};
use crate::analysis::figure_parser::{
    FigureCandidate, FigureReading, ParsedFigure, Qualifier, ReadingReason,
};
use crate::analysis::quote_finder::{
    QuoteCandidate, SpeakerEvidence, SpeakerMatch, SpeakerSuggestion,
};
use crate::analysis::suggestions::{
    AlternativeFigure, ArticleSuggestions, FigurePrefill, FigureSuggestion, QuoteSuggestion,
    Suggestions,
};
use crate::db::file_sharing::FileSharing;
use crate::db::queries::annotation_table::{
    AnnotationPage, AnnotationQuery, AnnotationRow, AnnotationSort,
};
use crate::db::queries::article_annotations::{ArticleAnnotations, ReaderAnnotation};
use crate::db::queries::assignments::{AnalystProgress, AssignReport, AssignRequest};
use crate::db::queries::conflicts::{ConflictResolution, MergeConflict, TheirVersion};
use crate::db::queries::dismissed_suggestions::{
    DismissedSuggestion, NewDismissal, SuggestionKind,
};
use crate::db::queries::history::{Action, Entity, HistoryEvent};
use crate::db::queries::library::{
    Facets, LabelCount, LibraryPage, LibraryQuery, LibraryRow, LibrarySort,
};
use crate::db::queries::review::{AnalystColumn, ConsensusSpan, ReviewItem, ReviewQuery};
use crate::db::queries::review_decisions::{NewReview, ReviewDecision};
use crate::db::queries::search::{AnnotationHit, ArticleHit, SearchResults};
use crate::db::queries::suggestions::SpeakerPrefill;
use crate::db::queries::sync_conflicts::{SyncConflict, SyncResolution};
use crate::db::queries::sync_state::SyncLink;
use crate::db::queries::undo::UndoState;
use crate::error::ServerProblem;
use crate::files::preferences::Preferences;
use crate::import::{
    ColumnMap, ImportItem, ImportOptions, ImportOutcome, ImportProgress, ImportSummary, ItemOutcome,
};
use crate::interchange::{
    AnnotationImportOptions, AnnotationImportSummary, CsvProfile, ExportFormat, ExportProgress,
    ExportRequest, ExportSize, ExportSummary, ImportFormat, ImportProblem, OffsetUnit,
};
use crate::model::filters::Filters;
use crate::model::ids::{
    AnnotationId, AnnotatorId, ArticleId, ConflictId, EventId, LabelId, ReviewId,
};
use crate::model::provenance::{ArticleSource, SourceFormat};
use crate::model::*;
use crate::team::credentials::SecretPlace;
use crate::team::merge::{MergeFileSummary, MergeProgress, MergeSummary};
use crate::team::sync::for_file::{Joined, TeamStatus};
use crate::team::sync::{JoinReport, SyncPhase, SyncProgress, SyncReport};
use crate::text::anchoring::{Displaced, Placement};

/// Where the generated file lives, relative to the repository root.
pub const TYPES_FILE: &str = "ui/src/api/generated/core.ts";

macro_rules! declarations {
    ($($t:ty),* $(,)?) => {
        vec![$(format!("export {}", <$t as TS>::decl())),*]
    };
}

/// The generated file's full text.
pub fn typescript_declarations() -> String {
    let decls: Vec<String> = declarations![
        ArticleId,
        AnnotationId,
        LabelId,
        AnnotatorId,
        EventId,
        SourceKind,
        ArticleMeta,
        PastedArticle,
        Article,
        ArticleSummary,
        LabelKind,
        Label,
        NewLabel,
        LabelPatch,
        Annotator,
        Figure,
        Attributes,
        ReviewState,
        Annotation,
        NewAnnotation,
        AnnotationPatch,
        Entity,
        Action,
        HistoryEvent,
        UndoState,
        Placement,
        Displaced,
        ReaderAnnotation,
        ArticleAnnotations,
        Preferences,
        Filters,
        Facets,
        LibrarySort,
        LibraryQuery,
        LabelCount,
        LibraryRow,
        LibraryPage,
        AnnotationSort,
        AnnotationQuery,
        AnnotationRow,
        AnnotationPage,
        ArticleHit,
        AnnotationHit,
        SearchResults,
        Qualifier,
        ReadingReason,
        FigureReading,
        ParsedFigure,
        FigureCandidate,
        SpeakerEvidence,
        SpeakerSuggestion,
        QuoteCandidate,
        SpeakerMatch,
        QuoteSuggestion,
        Suggestions,
        FigurePrefill,
        AlternativeFigure,
        FigureSuggestion,
        ArticleSuggestions,
        SuggestionKind,
        NewDismissal,
        DismissedSuggestion,
        SpeakerPrefill,
        SourceFormat,
        ArticleSource,
        ColumnMap,
        ImportOptions,
        ImportProgress,
        ItemOutcome,
        ImportItem,
        ImportSummary,
        ImportOutcome,
        ExportFormat,
        CsvProfile,
        OffsetUnit,
        ExportRequest,
        ExportProgress,
        ExportSize,
        ExportSummary,
        ImportFormat,
        AnnotationImportOptions,
        ImportProblem,
        AnnotationImportSummary,
        ReviewId,
        ConflictId,
        FileSharing,
        NewReview,
        ReviewDecision,
        ReviewQuery,
        ReviewItem,
        AnalystColumn,
        ConsensusSpan,
        ConflictResolution,
        TheirVersion,
        MergeConflict,
        MergeFileSummary,
        MergeSummary,
        MergeProgress,
        AgreementUnit,
        AgreementQuery,
        LabelRef,
        AgreementRow,
        AgreementReport,
        ServerProblem,
        SyncLink,
        TeamStatus,
        SecretPlace,
        JoinReport,
        Joined,
        SyncPhase,
        SyncProgress,
        SyncReport,
        SyncConflict,
        SyncResolution,
        AssignRequest,
        AssignReport,
        AnalystProgress,
    ];
    generated_file(&decls)
}

/// Wrap declarations in the header every generated file carries.
pub fn generated_file(decls: &[String]) -> String {
    let mut out = String::from(
        "// Generated from the Rust types by `make bindings`. Do not edit: change the Rust type.\n\n",
    );
    for decl in decls {
        out.push_str(decl.trim_end());
        out.push_str("\n\n");
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_typescript_is_current() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let path = root.join(TYPES_FILE);
        let expected = typescript_declarations();
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &expected).unwrap();
        }
        let actual = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            actual == expected,
            "{TYPES_FILE} is stale: run `make bindings` and commit the result"
        );
    }
}
