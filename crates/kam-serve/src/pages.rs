//! The instructor's pages, rendered on the server with maud (which escapes every value by
//! construction): the form that creates a class, the live dashboard and one trainee's game.
//!
//! Every page is made in one language, the instructor's ([`crate::language`]): its sentences
//! are [`Say`]'s, the names of the model's things `kam_sim::words`'s, and the scenario's own
//! words (account, person and event names) stay as the scenario wrote them.

use kam_class::protocol::Pacing;
use kam_sim::{AccountId, Decision, Game, MemberId};

use kam_sim::scenario::Difficulty;
use kam_sim::words::{Metric, difficulty, tier};
use maud::{DOCTYPE, Markup, PreEscaped, html};

use crate::class::{ClassView, RosterLine, SeatStatus};
use crate::error::ApiError;
use crate::words::{Lang, Say, html_lang, language_name, quoted};

/// `template` (a sentence with `{}` places) with each place filled by the next of `parts`:
/// the sentence's own text escaped, the parts as they are (markup made by maud).
pub fn fill_html(template: &str, parts: &[Markup]) -> Markup {
    let mut out = String::with_capacity(template.len() + 64);
    let mut parts = parts.iter();
    let mut rest = template;
    while let Some(at) = rest.find("{}") {
        out.push_str(&html! { (rest[..at]) }.into_string());
        match parts.next() {
            Some(part) => out.push_str(&part.0),
            None => out.push_str("{}"),
        }
        rest = &rest[at + 2..];
    }
    out.push_str(&html! { (rest) }.into_string());
    PreEscaped(out)
}

/// A refusal's words as a sentence on its own: the API's English details begin in lower case
/// (they follow `error:` in a program's output).
fn as_sentence(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) if first.is_ascii_lowercase() => {
            first.to_ascii_uppercase().to_string() + chars.as_str()
        }
        _ => text.to_owned(),
    }
}

/// A sentence of the catalogue with plain values in its places.
fn say(lang: Lang, key: Say, args: &[&dyn std::fmt::Display]) -> String {
    key.fill(lang, args)
}

/// The page frame: styles and scripts are served by the binary itself (no CDN), so a class
/// on a LAN without internet works. The page says its language, and offers the other one.
pub fn frame(lang: Lang, title: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang=(html_lang(lang)) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (say(lang, Say::PageTitle, &[&title])) }
                link rel="stylesheet" href="/assets/style.css";
                script src="/assets/dashboard.js" defer {}
            }
            body {
                nav.lang aria-label=(Say::LanguageSwitch.t(lang)) {
                    @for (i, other) in [Lang::Zh, Lang::En].into_iter().enumerate() {
                        @if i > 0 { span.sep aria-hidden="true" { " / " } }
                        @if other == lang {
                            strong aria-current="true" lang=(html_lang(other)) { (language_name(other)) }
                        } @else {
                            a href={"?lang=" (other.pick("zh", "en"))} lang=(html_lang(other)) hreflang=(html_lang(other)) { (language_name(other)) }
                        }
                    }
                }
                (body)
            }
        }
    }
}

/// What the create form was filled with, to show it again beside its errors.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct CreateForm {
    #[serde(default)]
    pub bundled: String,
    #[serde(default)]
    pub scenario_file: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub seed: String,
    #[serde(default)]
    pub pacing: String,
    #[serde(default)]
    pub show_scores: Option<String>,
    /// "on" for practice; absent (an unticked box) for an exam. A fresh form is practice.
    #[serde(default)]
    pub coach: Option<String>,
    /// "easy", "normal" or "hard"; empty: the scenario's own.
    #[serde(default)]
    pub difficulty: String,
    #[serde(default)]
    pub round_minutes: String,
}

pub fn create_page(lang: Lang, form: &CreateForm, error: Option<&ApiError>) -> Markup {
    let bundled = kam_sim::bundled_names();
    // A fresh form offers the bundled classroom in the page's language.
    let own = lang.pick("classroom_zh", "classroom_en");
    let chosen = if !form.bundled.is_empty() {
        form.bundled.as_str()
    } else if bundled.contains(&own) {
        own
    } else {
        "classroom_en"
    };
    let rounds = Pacing::parse(&form.pacing) == Some(Pacing::Rounds);
    let t = |key: Say| key.t(lang);
    frame(
        lang,
        t(Say::RunAClass),
        html! {
            main.narrow {
                h1 { (t(Say::RunAClass)) }
                p.lead { (fill_html(t(Say::CreateLead), &[html! { b { (kam_sim::words::join_a_class(lang)) } }])) }
                @if let Some(error) = error {
                    section.errors role="alert" {
                        h2 { (t(Say::NotCreated)) }
                        @if let Some(errors) = error.scenario_errors_in(lang) {
                            p { (t(Say::ScenarioErrorsLead)) }
                            pre { (errors) }
                        } @else {
                            p.refusal { (as_sentence(&error.page_text(lang))) }
                        }
                    }
                }
                form method="post" action="/sessions" {
                    fieldset {
                        legend { (t(Say::ScenarioLegend)) }
                        label { (t(Say::BundledScenario)) " "
                            select name="bundled" {
                                @for name in &bundled {
                                    option value=(name) selected[*name == chosen] { (name) }
                                }
                            }
                        }
                        label for="scenario_file" { (t(Say::OwnScenario)) }
                        input type="file" id="scenario_picker" accept=".ron,text/plain";
                        textarea id="scenario_file" name="scenario_file" rows="6" placeholder=(t(Say::ScenarioPlaceholder)) { (form.scenario_file) }
                    }
                    fieldset {
                        legend { (t(Say::ClassLegend)) }
                        label { (t(Say::TitleLabel)) " " input type="text" name="title" maxlength="120" value=(form.title); }
                        label { (t(Say::SeedLabel)) " " input type="text" name="seed" maxlength="40" value=(form.seed) placeholder=(t(Say::SeedPlaceholder)); }
                        label { input type="radio" name="pacing" value="free" checked[!rounds]; " " (t(Say::PacingFree)) }
                        label { input type="radio" name="pacing" value="rounds" checked[rounds]; " " (t(Say::PacingRounds)) }
                        label { (t(Say::RoundMinutes)) " "
                            input type="number" name="round_minutes" min="0" max="1440" value=(if form.round_minutes.is_empty() { "0" } else { form.round_minutes.as_str() }); }
                        label { input type="checkbox" name="show_scores" value="on" checked[form.show_scores.is_some()]; " " (t(Say::ShowScores)) }
                        label { input type="checkbox" name="coach" value="on" checked[form.coach.is_some() || form.bundled.is_empty()]; " " (t(Say::PracticeBox)) }
                        label { (t(Say::DifficultyLabel)) " "
                            select name="difficulty" {
                                option value="" selected[form.difficulty.is_empty()] { (t(Say::DifficultyOwn)) }
                                @for d in Difficulty::ALL {
                                    option value=(d.name()) selected[form.difficulty == d.name()] { (difficulty(lang, d)) }
                                }
                            }
                        }
                        p.muted { (say(lang, Say::DifficultyHelp, &[
                            &difficulty(lang, Difficulty::Easy),
                            &difficulty(lang, Difficulty::Normal),
                            &difficulty(lang, Difficulty::Hard),
                        ])) }
                    }
                    button.primary type="submit" { (t(Say::CreateButton)) }
                }
            }
        },
    )
}

/// The dashboard page: what never changes, around the live part.
pub fn dashboard_page(lang: Lang, view: &ClassView) -> Markup {
    let t = |key: Say| key.t(lang);
    let rounds = view.pacing == Pacing::Rounds;
    frame(
        lang,
        &view.title,
        html! {
            header.bar {
                div {
                    h1 { (view.title) }
                    p.sub { (view.scenario) " · " (say(lang, Say::SeedIs, &[&view.seed])) " · "
                        (t(if rounds { Say::RoundsPacingShort } else { Say::FreePacingShort })) " · "
                        (t(if view.coach { Say::Practice } else { Say::Exam })) " · " (difficulty(lang, view.difficulty))
                        @if view.scenario_difficulty { (t(Say::DifficultyIsOwn)) } }
                }
                div.code {
                    span { (t(Say::JoinCode)) }
                    strong #join-code { (view.code) }
                }
            }
            @let starting = rounds && view.released == 0 && !view.ended;
            nav.actions {
                form method="post" action={"/i/" (view.id) "/release"} {
                    button #release type="submit" disabled[view.ended || !rounds]
                        title=[starting.then_some(t(Say::StartClassHelp))] {
                        (t(if starting { Say::StartClass } else { Say::ReleaseRound }))
                    }
                }
                // A round without a deadline gets one from this form: say so, and ask first.
                @let no_deadline = view.deadline_in.is_none();
                form method="post" action={"/i/" (view.id) "/extend"}
                    data-confirm=[no_deadline.then_some(t(Say::AskSetDeadline))] {
                    input type="number" name="minutes" min="1" max="1440" value="5" aria-label=(t(Say::MinutesLabel));
                    button #extend type="submit" disabled[view.ended || !rounds] {
                        (t(if no_deadline { Say::SetDeadline } else { Say::ExtendDeadline })) }
                }
                form method="post" action={"/i/" (view.id) "/end"} data-confirm=(t(Say::AskEnd)) {
                    button.danger #end type="submit" disabled[view.ended] { (t(Say::EndSession)) }
                }
                a #report href={"/i/" (view.id) "/report.html"} { (t(Say::ClassReport)) }
                a #gradebook href={"/i/" (view.id) "/report.csv"} { (t(Say::GradebookCsv)) }
                a #results href={"/i/" (view.id) "/results.tar"} { (t(Say::AllResultFiles)) }
                // dashboard.js holds no words: it takes the page's from here.
                span #connection data-live={"/i/" (view.id) "/events"}
                    data-live-text=(t(Say::LiveUpdated)) data-reconnecting=(t(Say::Reconnecting)) {
                    (t(Say::Connecting)) }
            }
            p.link { a href={"/i/" (view.id) "/link"} { (t(Say::InstructorLink)) }
                (t(Say::KeepTheLink)) }
            main #live { (live(lang, view)) }
        },
    )
}

fn pct(x: f64) -> String {
    format!("{x:.1}")
}

/// Up to this many trainees holding the open round, the dashboard names them.
const FEW_HOLDING: usize = 5;

/// The part of the dashboard that updates live.
pub fn live(lang: Lang, view: &ClassView) -> Markup {
    let t = |key: Say| key.t(lang);
    let board = view.leaderboard();
    // Who holds the round is named while the class waits for a few: when most are still
    // playing the open month, "planning" says it already.
    let few_holding = view.roster.iter().filter(|l| l.holds_round).count() <= FEW_HOLDING;
    let months_of = |played: u32| say(lang, Say::MonthsOf, &[&played, &view.months]);
    html! {
        section.round {
            @if view.ended {
                p.state { (t(Say::SessionEnded)) }
                @if let Some(days) = view.deleted_in_days {
                    p.deadline { (say(lang, if days == 1 { Say::DeletedInOneDay } else { Say::DeletedInDays }, &[&days])) }
                }
            } @else if view.pacing == Pacing::Rounds {
                @let open = (view.released + 1).min(view.months);
                @if view.released >= view.months {
                    // Every month is out: none is "open" any more (the playtest read "month 8
                    // of 8 is open; 8 released").
                    p.state { (fill_html(t(Say::AllReleased), &[html! { strong #open-month { (view.months) } }])) }
                } @else {
                    p.state { (fill_html(t(Say::MonthOpen), &[
                        html! { strong #open-month { (open) } },
                        html! { (view.months) },
                        html! { (view.released) },
                    ])) }
                }
                @let holding: Vec<&RosterLine> = view.roster.iter().filter(|l| l.holds_round).collect();
                @if view.released < view.months {
                    @if view.released == 0 {
                        // The first round is the instructor's (class.rs, round_complete).
                        p.holding #holding { (t(Say::StartClassHelp)) }
                    } @else if holding.is_empty() {
                        p.holding #holding { (say(lang, Say::NobodyHolds, &[&open])) }
                    } @else if holding.len() > FEW_HOLDING {
                        p.holding #holding { (say(lang, Say::ManyHold, &[&open, &holding.len()])) }
                    } @else {
                        p.holding #holding { (fill_html(t(Say::FewHold), &[
                            html! { (open) },
                            html! {
                                @for (i, line) in holding.iter().enumerate() {
                                    @if i > 0 { (t(Say::ListSeparator)) }
                                    strong { (line.name) } (say(lang, Say::HolderPlayed, &[&line.months_played]))
                                }
                            },
                        ])) }
                    }
                }
                @if let Some(seconds) = view.deadline_in {
                    p.deadline { (say(lang, Say::AutoRelease, &[&(seconds / 60), &(seconds % 60)])) }
                }
            } @else {
                p.state { (say(lang, Say::FreePacingLine, &[&view.months])) }
            }
            p { (fill_html(t(if view.roster.len() == 1 { Say::JoinedOne } else { Say::Joined }),
                &[html! { strong #seat-count { (view.roster.len()) } }])) }
        }
        div.grid {
            section {
                h2 { (t(Say::Leaderboard)) }
                table #leaderboard {
                    thead { tr { th { (t(Say::RankHeader)) } th { (t(Say::TraineeHeader)) } th title=(t(Say::PlayedHelp)) { (t(Say::PlayedHeader)) }
                        th.num { (Metric::Composite.name(lang)) }
                        th.num title=(t(Say::VsExpertHelp)) { (t(Say::VsExpertHeader)) } } }
                    tbody {
                        @for (i, line) in board.iter().enumerate() {
                            tr {
                                td { @if line.started { (i + 1) } }
                                td { a href={"/i/" (view.id) "/seat/" (line.seat)} { (line.name) } }
                                td.played { (months_of(line.months_played)) }
                                @if line.started {
                                    td.num { (pct(line.composite)) }
                                    td.num.(if line.against_expert >= 0.0 { "up" } else { "down" }) { (kam_sim::words::signed(line.against_expert)) }
                                } @else {
                                    td.num.muted colspan="2" { (t(Say::NotStarted)) }
                                }
                            }
                        }
                        tr.expert { td { "—" } td { (t(Say::ExpertRow)) } td.played { (months_of(view.months)) } td.num { (pct(view.expert_final)) } td {} }
                    }
                }
            }
            section {
                h2 { (t(Say::Roster)) }
                table #roster {
                    thead { tr { th { (t(Say::SeatHeader)) } th { (t(Say::TraineeHeader)) } th title=(t(Say::PlayedHelp)) { (t(Say::PlayedHeader)) }
                        th { (t(Say::StatusHeader)) } th { (t(Say::SeatActionsHeader)) } } }
                    tbody {
                        @for line in &view.roster {
                            tr data-status=(format!("{:?}", line.status).to_lowercase()) {
                                td { (line.seat) }
                                td { (line.name) }
                                td.played { (months_of(line.months_played)) }
                                td { span.(status_class(line.status)) { (t(status_word(line.status))) }
                                    @if line.excused { " " span.st-excused { (t(Say::Excused)) } }
                                    @if line.holds_round && few_holding { " " span.st-holding title=(t(Say::HoldsRoundHelp)) { (t(Say::HoldsRound)) } } }
                                td.seat-actions {
                                    @if !view.ended {
                                        @let base = format!("/i/{}/seat/{}", view.id, line.seat);
                                        @if line.excused {
                                            form method="post" action={(base) "/unexcuse"} {
                                                button type="submit" title=(t(Say::WaitForHelp)) { (t(Say::WaitFor)) }
                                            }
                                        } @else {
                                            form method="post" action={(base) "/excuse"} {
                                                button type="submit" title=(t(Say::ExcuseHelp)) { (t(Say::Excuse)) }
                                            }
                                        }
                                        form method="post" action={(base) "/remove"}
                                            data-confirm=(say(lang, Say::AskRemove, &[&line.name])) {
                                            button.danger type="submit" { (t(Say::Remove)) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            section {
                h2 { (t(Say::AccountsAcross)) }
                table {
                    thead { tr { th { (t(Say::AccountHeader)) } th { (t(Say::TierHeader)) } th.num { (t(Say::KeptHeader)) }
                        th.num { (say(lang, Say::MeanOf, &[&Metric::Satisfaction.name(lang)])) } } }
                    tbody {
                        @for a in &view.accounts {
                            tr { td { (a.name) } td.tier { (tier(lang, a.tier_key)) } td.num { (a.kept) " / " (a.of) } td.num { (pct(a.mean_satisfaction)) } }
                        }
                    }
                }
            }
            section {
                h2 { (t(Say::MostMissed)) }
                @if view.lessons.is_empty() {
                    p.muted { (t(Say::ShownOnceFinished)) }
                } @else {
                    table {
                        thead { tr { th { (t(Say::TeachingPoint)) } th.num { (t(Say::MissedHeader)) } } }
                        tbody {
                            @for l in &view.lessons {
                                tr { td { (kam_sim::words::lesson(lang, l.key)) } td.num { (l.missed) " / " (l.of) } }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn status_class(status: SeatStatus) -> &'static str {
    match status {
        SeatStatus::Planning => "st-planning",
        SeatStatus::Waiting => "st-waiting",
        SeatStatus::Finished => "st-finished",
        SeatStatus::Offline => "st-offline",
    }
}

fn status_word(status: SeatStatus) -> Say {
    match status {
        SeatStatus::Planning => Say::StatusPlanning,
        SeatStatus::Waiting => Say::StatusWaiting,
        SeatStatus::Finished => Say::StatusFinished,
        SeatStatus::Offline => Say::StatusOffline,
    }
}

/// One trainee's game, month by month, with the causes the engine recorded and the debrief,
/// in the page's language (the scenario's names as the scenario wrote them).
pub fn seat_page(lang: Lang, session_id: &str, name: &str, game: &Game) -> Markup {
    let t = |key: Say| key.t(lang);
    let scenario = game.scenario();
    let debrief = game.is_finished().then(|| kam_sim::debrief_game(game));
    let scores = kam_sim::score_game(game);
    let months = game.turn().saturating_sub(1).min(scenario.turns);
    let summary = say(
        lang,
        Say::SeatSummary,
        &[
            &months,
            &scenario.turns,
            &Metric::Composite.name(lang),
            &pct(scores.composite),
            &Metric::Retention.name(lang),
            &pct(scores.retention),
            &kam_sim::words::profit_score(lang),
            &pct(scores.profit_score),
            &Metric::Satisfaction.name(lang),
            &pct(scores.satisfaction),
        ],
    );
    frame(
        lang,
        name,
        html! {
            main {
                p { a href={"/i/" (session_id)} { (t(Say::BackToDashboard)) } }
                h1 { (name) }
                p.sub { (summary) }
                h2 { (t(Say::Decisions)) }
                ol.decisions {
                    @for line in decision_lines(lang, game) { li { (line) } }
                }
                h2 { (t(Say::MonthByMonth)) }
                @for month in 1..=months {
                    details open[month == months] {
                        summary { (say(lang, Say::MonthN, &[&month])) }
                        @for (a, account) in scenario.accounts.iter().enumerate() {
                            @if let Some(record) = game.history(a).iter().find(|r| r.turn == month) {
                                h3 { (account.name) }
                                ul.causes {
                                    @for cause in &record.causes {
                                        li { (say(lang, Say::CauseLine, &[
                                            &kam_sim::metric_name(cause.metric, lang),
                                            &kam_sim::words::signed(cause.delta * kam_sim::shown_scale(cause.metric)),
                                            &kam_sim::cause_text(game, a, cause, lang),
                                        ])) }
                                    }
                                }
                            }
                        }
                    }
                }
                @if let Some(debrief) = debrief {
                    h2 { (t(Say::Debrief)) }
                    ul.lessons {
                        @for l in &debrief.lessons {
                            li.(if l.met { "met" } else { "missed" }) {
                                strong { (kam_sim::words::lesson(lang, l.lesson)) }
                                (say(lang, if l.met { Say::LessonMet } else { Say::LessonMissed }, &[&l.evidence.words(scenario, lang)]))
                            }
                        }
                    }
                    h3 { (t(Say::AccountsHeading)) }
                    ul {
                        @for story in &debrief.accounts {
                            li { (fill_html(t(if story.retained { Say::AccountKept } else { Say::AccountLost }), &[
                                html! { strong { (scenario.accounts[story.account].name) } },
                                html! { (kam_sim::words::signed(story.satisfaction_change)) },
                            ])) }
                        }
                    }
                }
            }
        },
    )
}

/// Each decision of the game's log in words; an event's answer names the event, its account
/// and the answer in the scenario's words (the k-th answer of the log is the game's k-th
/// recorded choice).
fn decision_lines(lang: Lang, game: &Game) -> Vec<String> {
    let mut answers = game.choices().iter();
    // Each plan is a month's (the events answered after it are that month's too).
    let mut plans = 0;
    game.log()
        .iter()
        .map(|d| match d {
            Decision::Choose(_) => answers.next().map_or_else(
                || decision_text(lang, game, d, plans),
                |r| answer_text(lang, game, r),
            ),
            Decision::Plan(_) => {
                plans += 1;
                decision_text(lang, game, d, plans)
            }
            _ => decision_text(lang, game, d, plans),
        })
        .collect()
}

fn answer_text(lang: Lang, game: &Game, record: &kam_sim::ChoiceRecord) -> String {
    let scenario = game.scenario();
    let event = scenario.events.get(record.event.index());
    let account = scenario
        .accounts
        .get(record.account.index())
        .map_or("?", |a| a.name.as_str());
    let answer = event
        .and_then(|e| e.choices.get(record.choice))
        .map_or("?", |c| c.label.as_str());
    say(
        lang,
        Say::AnswerLine,
        &[
            &record.turn,
            &account,
            &quoted(event.map_or("?", |e| e.title.as_str())),
            &quoted(answer),
        ],
    )
}

/// `key` for none, one or many (Chinese says them alike; English does not).
fn counted(
    lang: Lang,
    n: usize,
    [none, one, many]: [Say; 3],
    rest: &[&dyn std::fmt::Display],
) -> String {
    let key = match n {
        0 => none,
        1 => one,
        _ => many,
    };
    let mut args: Vec<&dyn std::fmt::Display> = vec![&n];
    args.extend_from_slice(rest);
    say(lang, key, &args)
}

/// A decision in words; a plan is month `month`'s.
fn decision_text(lang: Lang, game: &Game, decision: &Decision, month: u32) -> String {
    let scenario = game.scenario();
    let person_at = |account: AccountId, stakeholder: MemberId| {
        let account = scenario.accounts.get(account.index());
        let person = account
            .and_then(|a| a.stakeholders.get(stakeholder.index()))
            .map_or("?", |s| s.name.as_str());
        (person, account.map_or("?", |a| a.name.as_str()))
    };
    match decision {
        Decision::Plan(plan) => {
            let visits: Vec<String> = plan
                .visits
                .iter()
                .map(|v| {
                    let (person, account) = person_at(v.account, v.stakeholder);
                    say(lang, Say::VisitWho, &[&person, &account])
                })
                .collect();
            let visits = counted(
                lang,
                visits.len(),
                [Say::NoVisits, Say::OneVisit, Say::Visits],
                &[&visits.join(Say::ListSeparator.t(lang))],
            );
            let resources = counted(
                lang,
                plan.resources.len(),
                [Say::NoResources, Say::OneResource, Say::Resources],
                &[],
            );
            say(lang, Say::PlanLine, &[&month, &visits, &resources])
        }
        Decision::Choose(c) => say(lang, Say::AnsweredChoice, &[&(c + 1)]),
        Decision::Offer(offer) => say(
            lang,
            Say::Offered,
            &[&offer
                .iter()
                .map(|o| (o + 1).to_string())
                .collect::<Vec<_>>()
                .join("/")],
        ),
        Decision::WalkAway => Say::WalkedAway.t(lang).to_owned(),
        Decision::Read {
            account,
            stakeholder,
            ..
        } => {
            let (person, account) = person_at(*account, *stakeholder);
            say(lang, Say::NotedReading, &[&person, &account])
        }
    }
}

/// The instructor link on its own page, opened on purpose from the dashboard.
pub fn link_page(lang: Lang, session_id: &str, link: &str) -> Markup {
    let t = |key: Say| key.t(lang);
    frame(
        lang,
        t(Say::InstructorLink),
        html! {
            main.narrow {
                h1 { (t(Say::YourInstructorLink)) }
                p { (t(Say::LinkExplained)) }
                p { code.link { (link) } }
                p { a href={"/i/" (session_id)} { (t(Say::BackToDashboard)) } }
            }
        },
    )
}

/// A refusal as a page (for the browser's forms and links), in the page's language.
pub fn error_page(lang: Lang, error: &ApiError) -> Markup {
    let t = |key: Say| key.t(lang);
    frame(
        lang,
        t(Say::NotPossible),
        html! {
            main.narrow {
                h1 { (say(lang, Say::NotPossibleStatus, &[&error.status.as_u16()])) }
                p { (as_sentence(&error.page_text(lang))) }
                p { a href="/" { (t(Say::RunNewClass)) } }
            }
        },
    )
}

pub const STYLE: &str = include_str!("assets/style.css");
pub const SCRIPT: &str = include_str!("assets/dashboard.js");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_filled_sentence_escapes_its_words_but_not_its_parts() {
        let filled = fill_html("a < {} & {}", &[html! { b { "x<" } }]);
        assert_eq!(filled.into_string(), "a &lt; <b>x&lt;</b> &amp; {}");
    }
}
