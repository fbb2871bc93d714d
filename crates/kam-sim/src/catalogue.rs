//! The standard visit approaches and resources, used when a scenario leaves its own empty.
//!
//! They encode the courseware's four-quadrant model: each approach fits one style best
//! (1.5), its neighbours moderately and its opposite poorly.

use crate::scenario::{Approach, Language, Need, Resource};

fn text(lang: Language, zh: &str, en: &str) -> String {
    match lang {
        Language::Zh => zh.to_owned(),
        Language::En => en.to_owned(),
    }
}

pub fn standard_approaches(lang: Language) -> Vec<Approach> {
    let approach =
        |id: &str, zh: &str, en: &str, dzh: &str, den: &str, fit: [f64; 4], needs| Approach {
            id: id.to_owned(),
            name: text(lang, zh, en),
            description: text(lang, dzh, den),
            style_fit: fit,
            needs,
        };
    vec![
        approach(
            "roi",
            "数据与投资回报",
            "Data and ROI",
            "用事实、数字和逻辑说话：成本测算、投资回报、对比数据。",
            "Facts, numbers and logic: cost models, return on investment, benchmarks.",
            [1.5, 1.0, 0.6, 0.8],
            vec![Need::Achievement],
        ),
        approach(
            "plan",
            "详细方案与保障",
            "Detailed plan and guarantees",
            "按部就班：实施步骤、服务承诺、风险保障。",
            "Step by step: implementation plan, service commitments, risk guarantees.",
            [1.0, 1.5, 0.8, 0.6],
            vec![Need::Security],
        ),
        approach(
            "relation",
            "关系与成功案例",
            "Relationship and references",
            "分享经历与同行案例，关心对方的感受。",
            "Shared experience, peer references, attention to how they feel.",
            [0.6, 0.8, 1.5, 1.0],
            vec![Need::Acceptance, Need::Recognition],
        ),
        approach(
            "vision",
            "愿景与蓝图",
            "Vision and big picture",
            "描绘未来：战略蓝图、行业趋势、共同愿景。",
            "Paint the future: strategic roadmap, industry trends, a shared vision.",
            [0.8, 0.6, 1.0, 1.5],
            vec![Need::Power, Need::Recognition],
        ),
    ]
}

pub fn standard_resources(lang: Language) -> Vec<Resource> {
    let resource = |id: &str, zh: &str, en: &str, cost: f64| Resource {
        id: id.to_owned(),
        name: text(lang, zh, en),
        cost,
        description: String::new(),
        satisfaction: 0.0,
        support: 0.0,
        share: 0.0,
        margin: 0.0,
        pressure: 0.0,
        max_per_account: 1,
    };
    vec![
        Resource {
            satisfaction: 4.0,
            support: 2.0,
            max_per_account: 2,
            ..resource("tech_day", "技术支持日", "Technical support day", 5.0)
        },
        Resource {
            satisfaction: 2.0,
            support: 8.0,
            ..resource("exec_visit", "高层拜访", "Executive sponsor visit", 8.0)
        },
        Resource {
            satisfaction: 5.0,
            share: 2.0,
            pressure: -5.0,
            ..resource("custom_solution", "定制解决方案", "Custom solution", 15.0)
        },
        Resource {
            satisfaction: 3.0,
            support: 4.0,
            ..resource("training", "客户培训", "Client training", 6.0)
        },
        Resource {
            satisfaction: 5.0,
            margin: -3.0,
            pressure: -8.0,
            ..resource("discount", "价格折让", "Discount", 0.0)
        },
    ]
}
