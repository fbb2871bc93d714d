//! The dashboard's warning signs in words ([`WarningSign`], judged in `crate::explain`), in
//! the scenario's unit of time.

use super::{Lang, turn_unit};
use crate::explain::WarningSign;
use crate::model;
use crate::scenario::TurnUnit;

impl WarningSign {
    /// The sign as the dashboard and the dossier show it.
    pub fn words(&self, unit: TurnUnit, lang: Lang) -> String {
        let unit = turn_unit(lang, unit);
        let churn = model::CHURN_SATISFACTION;
        let (zh, en) = match *self {
            WarningSign::Lost => ("客户已流失".to_owned(), "Account lost".to_owned()),
            WarningSign::DefectionRisk { hazard } => {
                let percent = hazard * 100.0;
                // In the scenario's unit: "a turn" read oddly, and "每月" was wrong in a
                // quarterly scenario.
                (
                    format!("流失风险高：每{unit}约 {percent:.0}%"),
                    format!("High defection risk: about {percent:.0}% a {unit}"),
                )
            }
            WarningSign::LowSatisfaction => (
                format!("满意度低于 {churn}：客户开始考虑替代方案"),
                format!("Satisfaction below {churn}: the customer is looking at alternatives"),
            ),
            WarningSign::UnderVisited { turns } if turns >= 3 => (
                format!("连续三个{unit}以上拜访不足"),
                format!("Under-visited for three {unit}s or more"),
            ),
            WarningSign::UnderVisited { .. } => (
                format!("连续两个{unit}拜访不足"),
                format!("Under-visited two {unit}s running"),
            ),
            WarningSign::CompetitorPushing => {
                pair("竞争对手攻势猛烈", "A competitor is pushing hard")
            }
            WarningSign::NoDecisionMaker => pair(
                "采购中心里没有已知的决策者",
                "No known decision maker in the buying centre",
            ),
            WarningSign::DecisionMakersAgainst => {
                pair("决策层不支持我们", "The decision makers do not back us")
            }
            WarningSign::BuyingCentreChanged => {
                pair("采购中心人员有变动", "The buying centre has changed")
            }
            WarningSign::CreditRisk => pair(
                "信用风险高且账期长",
                "High credit risk with long payment terms",
            ),
            WarningSign::RenewalSoon => pair("合同即将续约", "Contract renewal coming up"),
            WarningSign::LateOpportunity => {
                pair("有商机进入后期阶段", "An opportunity is in a late stage")
            }
            WarningSign::ShareFalling => pair("份额在下降", "Share is falling"),
        };
        lang.pick(zh, en)
    }
}

fn pair(zh: &str, en: &str) -> (String, String) {
    (zh.to_owned(), en.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    const EVERY_SIGN: [WarningSign; 13] = [
        WarningSign::Lost,
        WarningSign::DefectionRisk { hazard: 0.234 },
        WarningSign::LowSatisfaction,
        WarningSign::UnderVisited { turns: 2 },
        WarningSign::UnderVisited { turns: 3 },
        WarningSign::CompetitorPushing,
        WarningSign::NoDecisionMaker,
        WarningSign::DecisionMakersAgainst,
        WarningSign::BuyingCentreChanged,
        WarningSign::CreditRisk,
        WarningSign::RenewalSoon,
        WarningSign::LateOpportunity,
        WarningSign::ShareFalling,
    ];

    #[test]
    fn every_sign_has_its_own_words_in_both_languages() {
        for lang in [Lang::Zh, Lang::En] {
            let words: Vec<String> = EVERY_SIGN
                .iter()
                .map(|s| s.words(TurnUnit::Month, lang))
                .collect();
            let mut distinct = words.clone();
            distinct.sort();
            distinct.dedup();
            assert_eq!(distinct.len(), words.len(), "{words:?}");
            for w in &words {
                let has_han = w.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
                assert_eq!(has_han, lang == Lang::Zh, "{w}");
            }
        }
    }

    #[test]
    fn the_defection_risk_is_per_turn_of_the_scenario() {
        let risk = WarningSign::DefectionRisk { hazard: 0.234 };
        assert_eq!(
            risk.words(TurnUnit::Quarter, Lang::En),
            "High defection risk: about 23% a quarter"
        );
        assert_eq!(
            risk.words(TurnUnit::Quarter, Lang::Zh),
            "流失风险高：每季度约 23%"
        );
        assert_eq!(
            risk.words(TurnUnit::Month, Lang::Zh),
            "流失风险高：每月约 23%"
        );
    }
}
