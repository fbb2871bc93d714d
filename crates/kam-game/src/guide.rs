//! The guided first game: on the tutorial, a short banner walks a new learner through the
//! screens one step at a time (read the dossier, add a visit, choose a pitch, add a resource,
//! end the month, read the report, answer an event). Skippable, and remembered once done.

use crate::i18n::K;
use crate::session::{Action, Screen};

/// The steps, in order; each is done by the action that teaches it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    ReadDossier,
    AddVisit,
    ChoosePitch,
    AddResource,
    EndMonth,
    ReadReport,
    AnswerEvent,
}

impl Step {
    pub const FIRST: Step = Step::ReadDossier;

    /// What the banner says.
    pub fn text(self) -> K {
        match self {
            Step::ReadDossier => K::GuideDossier,
            Step::AddVisit => K::GuideVisit,
            Step::ChoosePitch => K::GuidePitch,
            Step::AddResource => K::GuideResource,
            Step::EndMonth => K::GuideEnd,
            Step::ReadReport => K::GuideReport,
            Step::AnswerEvent => K::GuideEvent,
        }
    }

    /// The screen the step is shown on.
    pub fn screen(self) -> Screen {
        match self {
            Step::ReadDossier
            | Step::AddVisit
            | Step::ChoosePitch
            | Step::AddResource
            | Step::EndMonth => Screen::Turn,
            Step::ReadReport => Screen::Report,
            Step::AnswerEvent => Screen::Event,
        }
    }

    /// The step after this one once `action` has been taken, `None` when the guide is over.
    pub fn after(self, action: &Action) -> Option<Step> {
        let done = match (self, action) {
            (Step::ReadDossier, Action::SelectAccount(_)) => true,
            (Step::AddVisit, Action::AddVisit(_)) => true,
            (Step::ChoosePitch, Action::PickApproach(_)) => true,
            (Step::AddResource, Action::AddResource(_)) => true,
            // (Ending the month is noticed by the session: the month may end without a
            // question when nothing is left unused.)
            (Step::ReadReport, Action::Continue) => true,
            (Step::AnswerEvent, Action::Choose(_)) => true,
            _ => false,
        };
        if !done {
            return Some(self);
        }
        match self {
            Step::ReadDossier => Some(Step::AddVisit),
            Step::AddVisit => Some(Step::ChoosePitch),
            Step::ChoosePitch => Some(Step::AddResource),
            Step::AddResource => Some(Step::EndMonth),
            Step::EndMonth => Some(Step::ReadReport),
            Step::ReadReport => Some(Step::AnswerEvent),
            Step::AnswerEvent => None,
        }
    }
}
