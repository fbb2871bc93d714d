//! Changes to the month in hand that make no decision yet: the dossier's selection, the draft
//! plan with its undo, and the offer being built. Plans are checked by the engine as they are
//! built; a refused change says why in the play's message line.

use kam_sim::Plan;

use super::{Action, Play};
use crate::i18n::{self, Lang};

impl Play {
    /// Applies a selection or a change to the draft plan (the actions the session routes
    /// here; any other is ignored).
    pub(super) fn edit_plan(&mut self, action: &Action, lang: Lang) {
        let draft = &mut self.draft;
        match action {
            Action::SelectAccount(a) if *a < self.game.accounts().len() => draft.selected = *a,
            // (The arrow keys stop at the ends: a keyboard user never wraps round to a pitch
            // they did not mean.)
            Action::PickApproach(p) if *p < self.game.scenario().approaches.len() => {
                draft.approach = *p;
            }
            Action::AddVisit(v) => {
                let mut plan = draft.plan.clone();
                plan.visits.push(*v);
                self.try_plan(plan, lang);
            }
            Action::AddResource(r) => {
                let mut plan = draft.plan.clone();
                match plan
                    .resources
                    .iter_mut()
                    .find(|x| x.account == r.account && x.resource == r.resource)
                {
                    Some(x) => x.units += r.units,
                    None => plan.resources.push(*r),
                }
                self.try_plan(plan, lang);
            }
            Action::RemoveVisit(i) if *i < draft.plan.visits.len() => {
                draft.undo.push(draft.plan.clone());
                draft.plan.visits.remove(*i);
                self.message = None;
            }
            // One unit back; the line goes with its last unit.
            Action::RemoveResource(i) if *i < draft.plan.resources.len() => {
                draft.undo.push(draft.plan.clone());
                let line = &mut draft.plan.resources[*i];
                line.units = line.units.saturating_sub(1);
                if line.units == 0 {
                    draft.plan.resources.remove(*i);
                }
                self.message = None;
            }
            Action::ClearPlan => {
                if draft.plan != Plan::default() {
                    draft.undo.push(std::mem::take(&mut draft.plan));
                }
                self.message = None;
            }
            Action::Undo => {
                if let Some(previous) = draft.undo.pop() {
                    draft.plan = previous;
                    self.message = None;
                }
            }
            _ => {}
        }
    }

    /// Keeps a plan only if the engine accepts it; otherwise says why.
    fn try_plan(&mut self, plan: Plan, lang: Lang) {
        match self.game.check_plan(&plan) {
            Ok(()) => {
                self.draft
                    .undo
                    .push(std::mem::replace(&mut self.draft.plan, plan));
                self.message = None;
            }
            Err(e) => self.message = Some(i18n::plan_error(lang, &e)),
        }
    }

    /// Takes the what-if's suggested plan as the draft (undoable like any change).
    pub(super) fn use_suggestion(&mut self) {
        let suggested = self.what_if.as_ref().and_then(|w| w.suggestion.clone());
        if let Some((plan, _)) = suggested {
            self.draft
                .undo
                .push(std::mem::replace(&mut self.draft.plan, plan));
        }
    }

    /// Changes an option of the offer, or which issue the arrow keys act on.
    pub(super) fn edit_offer(&mut self, action: &Action) {
        match *action {
            Action::SetOffer { issue, option } => {
                if let Some(x) = self.nego.offer.get_mut(issue) {
                    *x = option;
                    self.nego.focus = issue;
                }
            }
            Action::FocusIssue(issue) if issue < self.nego.offer.len() => self.nego.focus = issue,
            _ => {}
        }
    }
}
