//! The built-in bank of cues and reactions for reading a buyer's communication style and need.
//!
//! On Normal difficulty a person's style and need are hidden: the trainee infers them from what
//! the person says and does, how colleagues describe them, and how they react to a visit's pitch
//! and to the trainee's answer to an event. This module holds those lines in Chinese and English:
//!
//! - [`style_cues`] and [`need_cues`]: what a person of a style (or need) says or does, or how
//!   others describe them, written in the third person without a pronoun, so a cue fits anyone;
//! - [`style_reactions`]: what a person says after a visit, in the voice of their real style,
//!   by how well the pitch suited them ([`Reception::from_fit`]);
//! - [`style_answers`]: how a person takes the trainee's answer to an event they raised (a
//!   rumour, an objection, a late payment, a warning sign), in the voice of their real style, by
//!   how good the answer was: a good answer, even a refusal, is taken in the style's own way, not
//!   greeted like a pitch that pleased;
//! - [`need_reactions`] and [`need_met_reactions`]: what shows the person's need after any
//!   visit, and their reply when the approach speaks to that need;
//! - [`need_at_the_table`]: what a negotiating buyer says of their need as they press for more.
//!
//! Reactions are bare speech in the first person, without quotation marks: the caller adds the
//! speaker and the quotes. Every line points to one style or one need, never by naming it, and
//! style lines carry none of the needs' key words (and need lines none of the styles'), so style
//! and need can be read independently.
//!
//! Source: the courseware's four-quadrant pages (四象限沟通环走模型, seed 001): the
//! catchphrases (惯用语) of A (一样样拆开来, 批判式分析, 要点, 知道底线在哪里) and B (依照惯例,
//! 养成习惯, 法律和秩序, 自律精神, 顺序, 我们一直都是这么做的), how others describe A (工于心计,
//! 冷若冰霜, 不懂得关心别人, 数字机器) and D (做事不专注, 爱做梦, 心不在焉, 急躁, 不切实际,
//! 没有纪律, 爱折腾), and each quadrant's checklist of what a pitch should hold (A facts,
//! quantities, a clear line of reasoning, the key points; B details, an order, brevity, a clear format; C
//! experience that strikes a chord, examples, help to the user, attention to feelings; D the big
//! picture, images and colour, metaphors, the future), which the answers follow too; and the
//! courseware's personal-needs page (客户的个人需求类型分析, seed 001): power 需要控制或影响别人,
//! achievement 需要取得成绩或变革, recognition 需要别人尊重或器重, acceptance 需要与别人建立人际
//! 关系, security 需要事情得到肯定、不要冒险. The other seeds (000, 002 to 004) hold nothing on the
//! five needs. Facts come from the courseware; the prose is our own. B's catchphrase 安全第一 is
//! left out on purpose: it would read as the security need.

use crate::model::{GOOD_FIT, SUPPORT_NEUTRAL_FIT};
use crate::scenario::{Language, Need, Style};

/// One line in both languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Line {
    pub zh: &'static str,
    pub en: &'static str,
}

impl Line {
    /// The text in this language.
    pub fn pick(&self, lang: Language) -> &'static str {
        lang.pick(self.zh, self.en)
    }
}

const fn l(zh: &'static str, en: &'static str) -> Line {
    Line { zh, en }
}

/// How well a visit's pitch, or an answer to an event, suited the person's real style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Reception {
    /// The pitch matched them: fit at or above [`GOOD_FIT`].
    Suited,
    /// Neither matched nor off-putting.
    Middling,
    /// The pitch talked past them: fit below [`SUPPORT_NEUTRAL_FIT`].
    Unsuited,
}

impl Reception {
    pub const ALL: [Reception; 3] = [Reception::Suited, Reception::Middling, Reception::Unsuited];

    /// The reception of a pitch of this fit (see [`crate::model::fit`]).
    pub fn from_fit(fit: f64) -> Reception {
        if fit >= GOOD_FIT {
            Reception::Suited
        } else if fit < SUPPORT_NEUTRAL_FIT {
            Reception::Unsuited
        } else {
            Reception::Middling
        }
    }
}

/// What a person of this style says or does, or how colleagues describe them.
pub fn style_cues(style: Style) -> &'static [Line] {
    match style {
        Style::A => A_CUES,
        Style::B => B_CUES,
        Style::C => C_CUES,
        Style::D => D_CUES,
    }
}

/// What a person with this need says or does, or how colleagues describe them.
pub fn need_cues(need: Need) -> &'static [Line] {
    match need {
        Need::Power => POWER_CUES,
        Need::Achievement => ACHIEVEMENT_CUES,
        Need::Recognition => RECOGNITION_CUES,
        Need::Acceptance => ACCEPTANCE_CUES,
        Need::Security => SECURITY_CUES,
    }
}

/// A person's reaction to a visit, in the voice of their real style: warm in that style's own
/// way when the pitch suited them, asking for what the style wants when it did not.
pub fn style_reactions(style: Style, reception: Reception) -> &'static [Line] {
    match (style, reception) {
        (Style::A, Reception::Suited) => A_SUITED,
        (Style::A, Reception::Middling) => A_MIDDLING,
        (Style::A, Reception::Unsuited) => A_UNSUITED,
        (Style::B, Reception::Suited) => B_SUITED,
        (Style::B, Reception::Middling) => B_MIDDLING,
        (Style::B, Reception::Unsuited) => B_UNSUITED,
        (Style::C, Reception::Suited) => C_SUITED,
        (Style::C, Reception::Middling) => C_MIDDLING,
        (Style::C, Reception::Unsuited) => C_UNSUITED,
        (Style::D, Reception::Suited) => D_SUITED,
        (Style::D, Reception::Middling) => D_MIDDLING,
        (Style::D, Reception::Unsuited) => D_UNSUITED,
    }
}

/// How a person takes the trainee's answer to an event they raised (a rumour, an objection, a
/// late payment, a warning sign), in the voice of their real style, by how good the answer was:
/// a good answer is taken in the style's own way even when it is not what the person hoped for
/// (it may be a refusal), a middling one draws a request for what the style wants, a poor one
/// displeases in the style's way. About the answer, never about a pitch.
pub fn style_answers(style: Style, reception: Reception) -> &'static [Line] {
    match (style, reception) {
        (Style::A, Reception::Suited) => A_ANSWER_SUITED,
        (Style::A, Reception::Middling) => A_ANSWER_MIDDLING,
        (Style::A, Reception::Unsuited) => A_ANSWER_UNSUITED,
        (Style::B, Reception::Suited) => B_ANSWER_SUITED,
        (Style::B, Reception::Middling) => B_ANSWER_MIDDLING,
        (Style::B, Reception::Unsuited) => B_ANSWER_UNSUITED,
        (Style::C, Reception::Suited) => C_ANSWER_SUITED,
        (Style::C, Reception::Middling) => C_ANSWER_MIDDLING,
        (Style::C, Reception::Unsuited) => C_ANSWER_UNSUITED,
        (Style::D, Reception::Suited) => D_ANSWER_SUITED,
        (Style::D, Reception::Middling) => D_ANSWER_MIDDLING,
        (Style::D, Reception::Unsuited) => D_ANSWER_UNSUITED,
    }
}

/// A line showing the person's need, said after a visit whatever the pitch.
pub fn need_reactions(need: Need) -> &'static [Line] {
    match need {
        Need::Power => POWER_REACTIONS,
        Need::Achievement => ACHIEVEMENT_REACTIONS,
        Need::Recognition => RECOGNITION_REACTIONS,
        Need::Acceptance => ACCEPTANCE_REACTIONS,
        Need::Security => SECURITY_REACTIONS,
    }
}

/// The person's reply when the approach speaks to their need (`approach.needs` holds it).
pub fn need_met_reactions(need: Need) -> &'static [Line] {
    match need {
        Need::Power => POWER_MET,
        Need::Achievement => ACHIEVEMENT_MET,
        Need::Recognition => RECOGNITION_MET,
        Need::Acceptance => ACCEPTANCE_MET,
        Need::Security => SECURITY_MET,
    }
}

/// What a buyer says at the negotiating table, pressing for more, that shows their need:
/// the same person's need heard across the game, not only on visits.
pub fn need_at_the_table(need: Need) -> &'static [Line] {
    match need {
        Need::Power => POWER_AT_THE_TABLE,
        Need::Achievement => ACHIEVEMENT_AT_THE_TABLE,
        Need::Recognition => RECOGNITION_AT_THE_TABLE,
        Need::Acceptance => ACCEPTANCE_AT_THE_TABLE,
        Need::Security => SECURITY_AT_THE_TABLE,
    }
}

const POWER_AT_THE_TABLE: &[Line] = &[
    l(
        "最后怎么定，是我拍板。要让步，就让给我看。",
        "In the end I sign this off. If you are going to move, show me.",
    ),
    l(
        "条件由我来定，不是由你们的报价单来定。",
        "I set the terms here, not your price list.",
    ),
];

const ACHIEVEMENT_AT_THE_TABLE: &[Line] = &[
    l(
        "我今年的目标就压在这份合同上，它得帮我交出成绩。",
        "My goals this year ride on this contract: it has to help me deliver.",
    ),
    l(
        "我要的是能带来实实在在成果的条件。",
        "I need terms that bring a result I can point to.",
    ),
];

const RECOGNITION_AT_THE_TABLE: &[Line] = &[
    l(
        "我得能向上面交代：这是我谈下来的好条件。",
        "I have to show my management these are good terms, and that I won them.",
    ),
    l(
        "别让我在老板面前下不来台。",
        "Don't leave me looking foolish in front of my boss.",
    ),
];

const ACCEPTANCE_AT_THE_TABLE: &[Line] = &[
    l(
        "我希望大家都觉得这个结果公平，以后还要长期打交道。",
        "I want everyone to think this is fair; we will be dealing with each other for years.",
    ),
    l(
        "我不想因为这份合同和谁闹僵。",
        "I don't want this contract to sour things with anyone.",
    ),
];

const SECURITY_AT_THE_TABLE: &[Line] = &[
    l(
        "我得确定：出了问题，我们兜得住。",
        "I need to know we are covered if something goes wrong.",
    ),
    l(
        "没有把握的条件，我不签。",
        "I won't sign terms I can't be sure of.",
    ),
];

// ---------------------------------------------------------------------------------------------
// Style cues.

/// A, analytical: facts, numbers, logic, the key points.
const A_CUES: &[Line] = &[
    l(
        "常说：“一样样拆开来看。”",
        "Often says: \"Let's take it apart, one piece at a time.\"",
    ),
    l(
        "听介绍听到一半就打断：“说要点。”",
        "Cuts into presentations halfway through: \"Get to the point.\"",
    ),
    l(
        "谈判之前，总要先“知道底线在哪里”。",
        "Before any negotiation, wants to \"know where the bottom line is\" first.",
    ),
    l(
        "同事私下叫这个人“数字机器”。",
        "Colleagues privately call this person \"the numbers machine\".",
    ),
    l(
        "供应商们背后说这个人“冷若冰霜”，很难热络起来。",
        "Suppliers say this person is \"cold as ice\" and never warms up.",
    ),
    l(
        "有人说这个人“工于心计”，每句话都像算过的。",
        "Some say every word out of this person's mouth has been calculated.",
    ),
    l(
        "每次开会都带着打印好的对比表，边听边在上面标注。",
        "Brings a printed comparison sheet to every meeting and marks it up while listening.",
    ),
    l(
        "看到图表，第一句话就是：“原始数据在哪？”",
        "First question on seeing any chart: \"Where's the raw data?\"",
    ),
    l(
        "宣传册翻两页就放下，直接要技术参数表。",
        "Puts the brochure down after two pages and asks for the spec sheet.",
    ),
    l(
        "一听到“大概”“差不多”，就追问具体是多少。",
        "Hears \"roughly\" or \"more or less\" and asks at once for the exact number.",
    ),
    l(
        "寒暄一句就直奔正题，饭局能推就推。",
        "Skips the small talk, gets straight to business, avoids dinners when possible.",
    ),
    l(
        "拿到方案先找漏洞，自称这叫“批判式分析”。",
        "Reads every proposal hunting for holes first, and calls it \"critical analysis\".",
    ),
    l(
        "供应商评审时，把各家报价都折算成单位成本再比。",
        "At supplier reviews, converts every bid to a cost per unit before comparing them.",
    ),
    l(
        "邮件往往只有三行，末尾总有一问：“依据是什么？”",
        "Writes three-line emails that always end with one question: \"On what basis?\"",
    ),
    l(
        "听完介绍既不点头也不鼓掌，只念出本子上记的三个疑点。",
        "Sits through a presentation without a nod, then reads out three doubts from a notepad.",
    ),
    l(
        "参观工厂时带着秒表，亲自掐每道工序的节拍。",
        "Tours a plant with a stopwatch and times each cycle personally.",
    ),
    l(
        "对客户推荐信不感兴趣，只要能核实的测试报告。",
        "Has no use for customer testimonials; wants test reports that can be checked.",
    ),
    l(
        "会上把对方的结论倒推一遍，找出哪一环站不住。",
        "In meetings, works a supplier's conclusion backwards to find the link that won't hold.",
    ),
    l(
        "同事住院，只发了一句慰问，接着就问工作谁来接。",
        "With a colleague in hospital, sent one line of sympathy, then asked who would cover.",
    ),
];

/// B, sequential: details, order, rules, habits.
const B_CUES: &[Line] = &[
    l(
        "常说：“我们一直都是这么做的。”",
        "Often says: \"We've always done it this way.\"",
    ),
    l(
        "遇到新情况，先问：“以前依照惯例是怎么办的？”",
        "First question about anything new: \"What's the usual practice?\"",
    ),
    l(
        "桌面永远整齐，文件按编号一格一格放好。",
        "Keeps a spotless desk with every file in numbered order.",
    ),
    l(
        "开会一定要有议程，话题跑偏就说：“按顺序来。”",
        "Insists on an agenda; when talk wanders, says: \"Let's take it in order.\"",
    ),
    l(
        "报价单和公司模板对不上，就原样退回重做。",
        "Sends a quote back untouched if it isn't on the company's standard template.",
    ),
    l(
        "同事说这个人“一板一眼”，规章制度背得比谁都熟。",
        "Colleagues call this person \"by the book\"; knows every regulation by heart.",
    ),
    l(
        "每天几点做什么都是固定的，雷打不动。",
        "Keeps a fixed daily routine: the same task at the same hour, come rain or shine.",
    ),
    l(
        "口头禅是“法律和秩序”，最看不惯临时变卦。",
        "Fond of saying \"law and order\"; can't stand last-minute changes of plan.",
    ),
    l(
        "看新方案先翻实施时间表，每一步都要写清楚。",
        "Opens any proposal at the timetable first; every step must be written out.",
    ),
    l(
        "有人背后说这个人“死板”“不知变通”。",
        "Some call this person rigid, someone who never bends.",
    ),
    l(
        "合同附件逐条核对，连页码和日期都不放过。",
        "Checks contract annexes clause by clause, down to the page numbers and dates.",
    ),
    l(
        "常把“自律精神”挂在嘴边，开会从不迟到。",
        "Often talks about \"self-discipline\"; has never once been late for a meeting.",
    ),
    l(
        "带新人的第一句话：“先把习惯养成。”",
        "Tells every newcomer the same thing first: \"Get your habits right.\"",
    ),
    l(
        "供应商换了对接人，先要一份书面的交接清单。",
        "When a supplier changes contact person, first asks for a written handover list.",
    ),
    l(
        "邮件标题不按“项目号、日期、事项”写，一律不回。",
        "Won't answer an email unless the subject reads project number, date, topic.",
    ),
    l(
        "供应商评审用的还是十年前那张打分表，一个字没改。",
        "Still runs supplier reviews on the scoring form from ten years ago, unchanged.",
    ),
    l(
        "会议纪要当天发出，下次开会先逐项核对上次的待办。",
        "Sends minutes the same day and opens each meeting by ticking through the last action list.",
    ),
    l(
        "样品送到，先查批号和标签贴得对不对，再看东西本身。",
        "Checks a sample's batch number and labels before looking at the product itself.",
    ),
    l(
        "议程外临时提的事，一律挪到下次会上。",
        "Anything raised outside the agenda is moved to the next meeting, without exception.",
    ),
];

/// C, interpersonal: shared experience, examples, people's feelings.
const C_CUES: &[Line] = &[
    l(
        "一见面先问候家里人，还记得上次聊过的孩子升学。",
        "Opens by asking after your family; remembers your child's exams from last time.",
    ),
    l(
        "常说：“你举个例子，我就明白了。”",
        "Often says: \"Give me an example and I'll get it.\"",
    ),
    l(
        "看方案时总问：“车间的师傅们用着顺手吗？”",
        "Reading a proposal, always asks: \"Will the operators find it easy to use?\"",
    ),
    l(
        "办公室墙上贴满了和同事的合影、出游照。",
        "The office wall is covered with photos of colleagues and outings.",
    ),
    l(
        "同事说这个人“心软”“好说话”，谁有难处都肯帮。",
        "Colleagues call this person soft-hearted, always ready to help anyone struggling.",
    ),
    l(
        "开会时留意谁一直没开口，会专门问问对方的想法。",
        "In meetings, notices who hasn't spoken yet and asks for their view.",
    ),
    l(
        "讲道理喜欢从一段亲身经历讲起。",
        "Explains most things by starting with a story from personal experience.",
    ),
    l(
        "有人嫌这个人“太感情用事”，做事看心情。",
        "Some say this person is too emotional and goes by mood.",
    ),
    l(
        "挑供应商先看人：“人靠谱，东西才靠谱。”",
        "Judges suppliers by their people: \"If I trust the person, I trust the product.\"",
    ),
    l(
        "听到别家客户的真实经历，会凑近听，还问后来怎么样了。",
        "Leans in at stories from other customers and asks how things turned out.",
    ),
    l(
        "下属生病请假，会亲自打电话问候。",
        "Phones personally when someone on staff is off sick.",
    ),
    l(
        "供应商评审会上，先请车间班长讲讲用得怎么样，再看报表。",
        "Opens every supplier review by asking the shift leaders how it has gone on the floor.",
    ),
    l(
        "邮件开头常先问一句“最近忙坏了吧？”，再说正事。",
        "Emails usually start \"You must be run off your feet lately?\" before any business.",
    ),
    l(
        "看报价时会问：“这个价，你们那边压力大不大？”",
        "Looking at a quote, asks whether the price puts the supplier's own people under strain.",
    ),
    l(
        "对新设备最关心的，是工人要不要加班去学。",
        "What matters most about new equipment: whether the workers must stay late to learn it.",
    ),
    l(
        "回绝供应商时，宁可打个电话解释，也不只发一封邮件。",
        "Turns a supplier down by phone, explaining why, rather than in a bare email.",
    ),
    l(
        "给新员工培训，讲的都是自己当年在车间吃过的苦头。",
        "Trains new staff by telling of the hard lessons once learned on the shop floor.",
    ),
];

/// D, imaginative: the big picture, metaphors, the future.
const D_CUES: &[Line] = &[
    l(
        "同事说这个人“爱做梦”，一个想法接一个想法。",
        "Colleagues say this person is \"always dreaming\", one idea after another.",
    ),
    l(
        "有人评价“不切实际”，开口就是好几年以后的事。",
        "Called \"unrealistic\" by some; always talking about years from now.",
    ),
    l(
        "下属抱怨这个人“爱折腾”，方向说换就换。",
        "Staff grumble that this person \"can't leave things alone\" and switches course on a whim.",
    ),
    l(
        "一讲到细节就走神，开始在本子上画图。",
        "Drifts off when details come up and starts doodling diagrams.",
    ),
    l(
        "说话爱打比方：“我们要做行业里的高铁，不做绿皮车。”",
        "Loves metaphors: \"We should be the bullet train of this industry, not the slow local.\"",
    ),
    l(
        "白板上画满箭头和圆圈，一讲就是一整张蓝图。",
        "Covers whiteboards with arrows and circles, talking through the whole big picture.",
    ),
    l(
        "厚厚的方案只翻封面：“一句话，这能把我们带到哪？”",
        "Flips past a thick proposal: \"In one sentence, where does this take us?\"",
    ),
    l(
        "有人说这个人“没有纪律”，会议常常一拖再拖。",
        "Some say this person \"has no discipline\"; meetings start late and run long.",
    ),
    l(
        "喜欢彩色的图和概念草图，纯文字的报告看不下去。",
        "Loves colourful charts and concept sketches; can't get through pages of plain text.",
    ),
    l(
        "刚从展会回来，就兴冲冲地讲起十年后的工厂。",
        "Back from a trade fair, talks excitedly about what factories will look like in ten years.",
    ),
    l(
        "被人说“急躁”，早上有了主意，下午就想试。",
        "Known as impatient: an idea in the morning, a trial by the afternoon.",
    ),
    l(
        "开会时常“心不在焉”，被点名才回过神来。",
        "Often \"miles away\" in meetings; comes back only when called on by name.",
    ),
    l(
        "供应商评审开到一半，就问起对方明年有什么新东西。",
        "Halfway through a supplier review, starts asking what the supplier has coming next year.",
    ),
    l(
        "邮件常常只有一句话，外加一张手机拍的白板草图。",
        "Emails are often one line plus a phone photo of a whiteboard sketch.",
    ),
    l(
        "上周的方案还没落地，这周又带来一个全新的点子。",
        "Brings a brand-new idea each week, before last week's plan is even under way.",
    ),
    l(
        "合同条款交给下属去谈，自己只聊两家合作能走多远。",
        "Leaves contract clauses to staff and talks only of how far the two firms could go.",
    ),
    l(
        "爱看概念车、未来工厂的视频，常转发给供应商。",
        "Loves videos of concept cars and factories of tomorrow, and forwards them to suppliers.",
    ),
    l(
        "约好的会常迟到，一进门就说路上想到个好主意。",
        "Often late to meetings, arriving with a great idea that came up on the way.",
    ),
];

// ---------------------------------------------------------------------------------------------
// Need cues.

/// Power: to control or influence others.
const POWER_CUES: &[Line] = &[
    l(
        "常说：“这事最后得我点头。”",
        "Often says: \"In the end, this needs my nod.\"",
    ),
    l(
        "最忌讳供应商绕过自己去找别的部门。",
        "Can't stand a supplier going around them to another department.",
    ),
    l(
        "开会坐主位，谁先发言由这个人来点。",
        "Takes the head of the table and chooses who speaks first.",
    ),
    l(
        "下属说，连买办公用品都要这个人签字。",
        "Staff say even office supplies need this person's signature.",
    ),
    l(
        "喜欢让供应商多跑几趟，见面时间由自己定。",
        "Likes to keep suppliers coming back, always on dates of their own choosing.",
    ),
    l(
        "说起别的部门，常讲“那边得听我们的”。",
        "Speaks of other departments as \"the ones who follow our lead\".",
    ),
    l(
        "自我介绍时，特意把分管的范围一项项说全。",
        "Opens any introduction by listing everything that falls under their charge.",
    ),
    l(
        "供应商发给下属的邮件，都要抄送给这个人，漏一次就追问。",
        "Wants a copy of every supplier email to staff; miss it once and there are questions.",
    ),
    l(
        "评审会上先让别人说完，最后一句话定调。",
        "Lets everyone else speak first at a review, then settles it with the last word.",
    ),
    l(
        "下属对供应商承诺任何事，都得先经这个人同意。",
        "Staff may promise a supplier nothing without this person's say-so first.",
    ),
    l(
        "同事说，在这个部门想办成事，得先过这个人这一关。",
        "Colleagues say nothing moves in this department without going through this person.",
    ),
];

/// Achievement: to get results, to bring about change.
const ACHIEVEMENT_CUES: &[Line] = &[
    l(
        "白板上写着今年的目标，完成一项划掉一项。",
        "Keeps this year's goals on the whiteboard and crosses each one off when done.",
    ),
    l(
        "常说：“去年做到了，今年要做得更好。”",
        "Often says: \"We hit it last year. This year we beat it.\"",
    ),
    l(
        "最受不了拖着不落地的项目。",
        "Has no patience for projects that drag on without results.",
    ),
    l(
        "上任一年就推动了两次产线改造，人称“拼命三郎”。",
        "Drove two line upgrades in year one; known around the plant as a workhorse.",
    ),
    l(
        "问供应商的第一个问题：“你们做成过最难的项目是哪个？”",
        "First question to any supplier: \"What's the hardest project you've pulled off?\"",
    ),
    l(
        "给自己定的年度目标，比上级定的还高。",
        "Sets personal yearly targets higher than the ones handed down from above.",
    ),
    l(
        "一说到“变革”就来劲，想在任上实实在在干成几件事。",
        "Lights up at the word \"transformation\"; wants real wins to show for the job.",
    ),
    l(
        "邮件里问得最多的一句：“什么时候能见效？”",
        "The question asked most in emails: \"When will we see it pay off?\"",
    ),
    l(
        "评审供应商只问一句：去年帮我们做成了什么？",
        "Judges a supplier at the review by one question: what did you get done for us last year?",
    ),
    l(
        "主动揽下别人都不愿接的硬骨头项目。",
        "Volunteers for the tough projects nobody else wants to touch.",
    ),
    l(
        "每次季度会一散，就写下下季度要拿下的三件事。",
        "Leaves every quarterly meeting with three things written down to get done by the next.",
    ),
];

/// Recognition: to be respected and valued by others.
const RECOGNITION_CUES: &[Line] = &[
    l(
        "常提起某次技术改造是自己牵的头，希望别人记得。",
        "Often mentions having led a past upgrade, and wants people to remember it.",
    ),
    l(
        "很在意称呼，叫错职务会不高兴半天。",
        "Particular about titles: get one wrong and the mood sours for the day.",
    ),
    l(
        "在集团内刊上发过一篇文章，裱起来挂在办公室。",
        "Had an article in the group newsletter, now framed on the office wall.",
    ),
    l(
        "同事说，最让这个人恼火的是功劳被别人拿走。",
        "Colleagues say nothing angers this person more than someone else taking the credit.",
    ),
    l(
        "供应商一句“您这个思路很专业”，能高兴好几天。",
        "One \"that's a very professional way to see it\" from a supplier makes this person's week.",
    ),
    l(
        "希望供应商的方案里写明是自己提的思路。",
        "Wants suppliers' proposals to say whose idea it was in the first place.",
    ),
    l(
        "抱怨过领导看不到自己付出了多少。",
        "Has complained that the bosses never see how much work goes in.",
    ),
    l(
        "会议纪要里漏了自己的名字和发言，会要求补上。",
        "Asks for the minutes to be corrected if their own name and remarks are missing.",
    ),
    l(
        "供应商来访，希望对方派来的人级别配得上自己。",
        "Expects a visiting supplier to send someone senior enough to match their own rank.",
    ),
    l(
        "在行业会议上发过一次言，逢人便提。",
        "Gave one talk at an industry conference and mentions it to anyone who'll listen.",
    ),
    l(
        "供应商的一封感谢信，会被转发给全部门。",
        "A supplier's thank-you letter gets forwarded to the whole department.",
    ),
];

/// Acceptance: to build relationships with others, to belong.
const ACCEPTANCE_CUES: &[Line] = &[
    l(
        "常说：“大家觉得行，我就觉得行。”",
        "Often says: \"If everyone's fine with it, so am I.\"",
    ),
    l(
        "部门聚餐一次不落，散了还张罗下一次。",
        "Never misses a team dinner, and is already organising the next one.",
    ),
    l(
        "很怕被说不合群，意见总跟着多数人走。",
        "Dreads being the odd one out; goes along with the majority view.",
    ),
    l(
        "表态之前，先打听同事们的口风。",
        "Sounds out colleagues before taking any position.",
    ),
    l(
        "听说有会没叫上自己，会闷闷不乐好几天。",
        "Broods for days on hearing a meeting went ahead without them.",
    ),
    l(
        "跟供应商也想处成朋友，常约着一起喝茶。",
        "Wants suppliers as friends too, and often invites them over for tea.",
    ),
    l(
        "宁可自己让一步，也不愿跟团队意见相左。",
        "Would rather give way than be at odds with the team.",
    ),
    l(
        "评审会上很少唱反调，总先看看别人怎么打分。",
        "Rarely objects at reviews; checks first how the others have scored.",
    ),
    l(
        "逢年过节给老供应商发问候，名单上一个不落。",
        "Sends holiday greetings to long-standing suppliers and never skips a name on the list.",
    ),
    l(
        "换了供应商，也要请原来那家吃顿饭，不想伤了和气。",
        "Even after switching supplier, takes the old one to dinner so nobody parts on bad terms.",
    ),
    l(
        "午饭从不一个人吃，总要叫上几个同事。",
        "Never eats lunch alone; always rounds up a few colleagues.",
    ),
];

/// Security: things confirmed, no risks taken.
const SECURITY_CUES: &[Line] = &[
    l(
        "常说：“不求有功，但求无过。”",
        "Often says: \"I don't need to shine. I just can't afford a mistake.\"",
    ),
    l(
        "新供应商再好，也要先小批量试用。",
        "However good a new supplier looks, insists on a small trial order first.",
    ),
    l(
        "前任因为一次停产事故被调了岗，这个人一直记着。",
        "The predecessor was moved after a single shutdown, and this person has never forgotten.",
    ),
    l(
        "看合同最先翻违约和赔偿条款。",
        "Turns first to the penalty and liability clauses of any contract.",
    ),
    l(
        "对没用过的新技术，一律先说“再看看”。",
        "Meets every untried technology with \"let's wait and see\".",
    ),
    l(
        "签字前一定要法务、财务都过一遍，心里才踏实。",
        "Won't sign until legal and finance have both been through it, for cover.",
    ),
    l(
        "同事说这个人最怕“出事”，宁可慢一点。",
        "Colleagues say this person fears trouble above all, and would rather go slow.",
    ),
    l(
        "只跟合作多年、从没出过问题的供应商签长单。",
        "Signs long contracts only with suppliers of many years and a clean record.",
    ),
    l(
        "每次评审都问：“出了问题，备用方案是什么？”",
        "At every review asks: \"If this fails, what's the fallback?\"",
    ),
    l(
        "口头答应的事不算数，一律要求写下来盖章，心里才有底。",
        "Trusts no spoken promise until it is written down and stamped.",
    ),
    l(
        "新设备上线那几周，每天都要去现场看一眼才放心。",
        "In a new machine's first weeks, goes to the floor daily to see it's running.",
    ),
];

// ---------------------------------------------------------------------------------------------
// Style reactions.

const A_SUITED: &[Line] = &[
    l(
        "这几组数字对得上。附录发我邮箱，我再核一遍。",
        "The figures hold up. Send me the appendix and I'll check them once more.",
    ),
    l(
        "逻辑清楚，要点也抓住了，这才是能拿来讨论的东西。",
        "Clear logic, and you hit the key points. This is something I can work with.",
    ),
    l(
        "对比数据做得扎实，测算口径也写明了，很好。",
        "Solid comparison data, and you stated how it was calculated. Good.",
    ),
    l(
        "你没绕弯子，直接给了底线，我欣赏这一点。",
        "You didn't beat around the bush and gave me the bottom line. I like that.",
    ),
    l(
        "把原始表格也给我一份，我拿我们的数据套一下。",
        "Send the raw tables too; I'll run them against our own numbers.",
    ),
];

const A_MIDDLING: &[Line] = &[
    l(
        "嗯，有几处说得通，具体数字我自己再算算。",
        "Hm. Parts of it add up. I'll work through the numbers myself.",
    ),
    l(
        "结论先放一边，你这个假设是从哪来的？",
        "Set the conclusion aside for now. Where does that assumption come from?",
    ),
    l(
        "还行，但第三页那个数我没看懂，回头发个说明。",
        "Fair enough, but I didn't follow the figure on page three. Send me a note on it.",
    ),
    l(
        "我记下了，等你们的测试报告出来再说。",
        "Noted. Let's talk again when your test report is out.",
    ),
];

const A_UNSUITED: &[Line] = &[
    l(
        "画面很漂亮，可支撑它的数据在哪里？",
        "Nice pictures, but where is the data behind them?",
    ),
    l(
        "故事讲得不错，但一个案例说明不了问题，样本有多大？",
        "Good story, but one case proves nothing. How big is the sample?",
    ),
    l(
        "请直接说要点：能省多少，多久收回投资？",
        "Just give me the key points: how much does it save, and what's the payback period?",
    ),
    l(
        "聊了半小时，我还是不知道你们的能耗比对手低多少。",
        "Half an hour of chat and I still don't know how your energy use compares.",
    ),
    l(
        "你说“行业领先”，是怎么算出来的？给我第三方的测试数字。",
        "You say \"industry-leading\". By what measure? Show me third-party test figures.",
    ),
];

const B_SUITED: &[Line] = &[
    l(
        "步骤写得清清楚楚，谁负责哪一步也有，这样我好安排。",
        "Every step is spelled out, with who does what. That I can schedule.",
    ),
    l(
        "格式规范，附件齐全，可以直接走我们的审批。",
        "Proper format, every annex attached. This can go straight into our approval routine.",
    ),
    l(
        "交付时间表按周排好了，跟我们的检修计划对得上。",
        "The delivery timetable is laid out week by week and fits our maintenance schedule.",
    ),
    l(
        "跟我们以前的做法一致，不用改规矩，好。",
        "It matches how we've always worked; no rules to change. Good.",
    ),
    l(
        "先做什么、后做什么，一目了然，我喜欢。",
        "What comes first and what comes next is plain to see. I like that.",
    ),
];

const B_MIDDLING: &[Line] = &[
    l(
        "好，资料按我们的模板再整理一份，我归档。",
        "All right. Redo the papers in our template and I'll file them.",
    ),
    l(
        "方向我听明白了，具体怎么一步步落地，下次再谈。",
        "I get the direction. How it's rolled out step by step, we'll take up next time.",
    ),
    l(
        "先放着吧，下个季度按惯例一起评。",
        "Leave it with me; we review these together next quarter, as usual.",
    ),
    l(
        "可以，不过交货和调试的顺序你们再写细一点。",
        "Fine, but write out the order of delivery and commissioning in more detail.",
    ),
];

const B_UNSUITED: &[Line] = &[
    l(
        "蓝图很好看，可第一步做什么、谁来做、什么时候做？",
        "Lovely big picture, but what's step one, who does it, and when?",
    ),
    l(
        "我们一直都是这么做的，你这个新路子有先例吗？",
        "We've always done it this way. Has anyone done it your way before?",
    ),
    l(
        "这些想法进不了我们的流程，请给我一份书面的实施计划。",
        "I can't put ideas into our procedure. Send me a written implementation plan.",
    ),
    l(
        "说得太散了，能按一二三条列出来吗？",
        "That was all over the place. Can you list it as point one, two, three?",
    ),
    l(
        "别家用得好是一回事，我们的操作规程里该怎么写？",
        "Others may like it, but how would it read in our operating procedures?",
    ),
];

const C_SUITED: &[Line] = &[
    l(
        "你讲的那家厂的经历，跟我们车间太像了，我很有感触。",
        "That other plant's story is so like our shop floor. It really struck a chord.",
    ),
    l(
        "谢谢你想着师傅们好不好用，他们一定会喜欢。",
        "Thank you for thinking about how the operators will use it. They'll love that.",
    ),
    l(
        "下次把老李也叫上，他一定想听听你们那个例子。",
        "Bring Old Li along next time; he'll want to hear that example.",
    ),
    l(
        "跟你聊天很舒服，你是真把我们的人放在心上。",
        "I enjoy talking with you. You really have our people at heart.",
    ),
    l(
        "能不能约那家客户的班长，跟我们的人见一面？",
        "Could we get their shift leader to meet our people?",
    ),
];

const C_MIDDLING: &[Line] = &[
    l(
        "今天聊得挺好，我回去跟车间的人念叨念叨。",
        "Nice talking today. I'll mention it to the folks on the floor.",
    ),
    l(
        "道理我懂，就是不知道一线的人用起来什么感觉。",
        "I see the point; I just wonder how it will feel to the people using it.",
    ),
    l(
        "辛苦你跑一趟，下次来一起吃个饭，慢慢聊。",
        "Thanks for making the trip. Next time let's have lunch and take our time.",
    ),
    l(
        "材料我收下了，有空给我讲讲你们别的客户的事。",
        "I'll keep the papers. Sometime, tell me about your other customers.",
    ),
];

const C_UNSUITED: &[Line] = &[
    l(
        "一屏一屏的数字，我听着有点累。有没有哪家在用，用得怎么样？",
        "Screen after screen of numbers wears me out. Who actually uses it, and how is it going?",
    ),
    l(
        "流程我看到了，可操作的师傅们会怎么想，你问过吗？",
        "I see the procedure, but have you asked the operators what they think?",
    ),
    l(
        "能给我讲个真实的例子吗？光看表格我体会不到。",
        "Can you tell me about a real case? A table doesn't tell me much.",
    ),
    l(
        "你说的都对，可我感觉不到你们是站在我们这边的。",
        "All correct, I'm sure, but I don't get the sense you're on our side.",
    ),
    l(
        "你们的服务工程师是什么样的人？我想先认识认识。",
        "What are your service engineers like as people? I'd like to meet them first.",
    ),
];

const D_SUITED: &[Line] = &[
    l(
        "有意思！照这个思路，三年后我们能甩开同行一大截。",
        "Now that's interesting! Along these lines we'd leave the industry behind in three years.",
    ),
    l(
        "这张图画得好，我一下子就看到全局了。",
        "Great picture. I can see the whole landscape at a glance.",
    ),
    l(
        "你这个比方妙，下次开会我也要借来用。",
        "Great metaphor. I'm borrowing it for my next talk.",
    ),
    l(
        "对，就该往这个方向想！还能再大胆一点吗？",
        "Yes, that's the direction to think in! Can we be even bolder?",
    ),
    l(
        "我已经能想象新工厂的样子了，我们接着往下聊。",
        "I can already picture the new plant. Let's keep going.",
    ),
];

const D_MIDDLING: &[Line] = &[
    l(
        "还行吧。有没有更大一点的想法？",
        "Not bad. Got anything bigger?",
    ),
    l(
        "东西不错，就是少了点让人眼前一亮的地方。",
        "Decent stuff, but nothing that makes me sit up.",
    ),
    l(
        "先这样。你回去想想，这件事放到整个行业里是什么位置。",
        "OK for now. Go and think about where this sits in the whole industry.",
    ),
    l(
        "细节你跟具体办事的人对吧，我们聊点别的。",
        "Go over the details with whoever handles them. Let's talk about something else.",
    ),
];

const D_UNSUITED: &[Line] = &[
    l(
        "这么多表格，我看不出五年后这能把我们带到哪。",
        "All these tables, and I still can't see where this takes us in five years.",
    ),
    l(
        "别一条条念了，用一句话告诉我，这件事最大的意义是什么。",
        "Stop reading it line by line. In one sentence, what's the big idea?",
    ),
    l(
        "步骤我不关心，我关心的是整个行业往哪走。",
        "I don't care about the steps; I care where the whole industry is heading.",
    ),
    l(
        "太按部就班了，一点新意都没有。",
        "Too plodding. There's nothing new in it at all.",
    ),
    l(
        "给我画张图吧，这么多字我读不进去。",
        "Draw me a picture. I can't get through this much text.",
    ),
];

// ---------------------------------------------------------------------------------------------
// Style answers: how a person takes the trainee's answer to an event they raised.

const A_ANSWER_SUITED: &[Line] = &[
    l(
        "说得通：你的理由站得住。把依据书面发我。",
        "Fair enough: your reasoning holds. Send me the basis in writing.",
    ),
    l(
        "不是我想听的，但账算得清楚，我没话说。",
        "Not what I wanted to hear, but the arithmetic is sound. I have no argument.",
    ),
    l(
        "来龙去脉和数字都摆出来了，这样我能自己判断。",
        "You laid out the causes and the figures. Now I can judge it for myself.",
    ),
];

const A_ANSWER_MIDDLING: &[Line] = &[
    l(
        "原则上说得过去，但影响到底有多大？给我一个数。",
        "In principle that's reasonable, but how big is the impact? Give me a number.",
    ),
    l(
        "先这样吧。你们的依据我还没看到，补一份过来。",
        "All right for now. I haven't seen your basis yet; send it over.",
    ),
    l(
        "嗯，只解释了一半。另一半的原因，我要看到核实过的东西。",
        "Hm, that explains half of it. For the other half I want something verified.",
    ),
];

const A_ANSWER_UNSUITED: &[Line] = &[
    l(
        "这对不上。你说的和账面上的数字根本是两回事。",
        "That doesn't add up. What you say and what the books show are two different things.",
    ),
    l(
        "一句“请放心”就完了？证据呢？数字呢？",
        "Just \"don't worry\", and that's it? Where's the evidence? Where are the numbers?",
    ),
    l(
        "你的理由前后矛盾，我没法把它当回事。",
        "Your reasons contradict each other. I can't take that seriously.",
    ),
];

const B_ANSWER_SUITED: &[Line] = &[
    l(
        "这是按合同约定的办法来的，没什么可争的，就这么办。",
        "That's by the terms we signed. Nothing to argue with; we'll do it that way.",
    ),
    l(
        "虽然不合我的意，但程序上挑不出毛病。请发正式函件。",
        "Not what I'd hoped, but the procedure is followed to the letter. Send a formal letter.",
    ),
    l(
        "你一条条按规定回了，我照章办理就是。",
        "You answered point by point, as the rules require. I'll handle it by the book.",
    ),
];

const B_ANSWER_MIDDLING: &[Line] = &[
    l(
        "行，但口头说的不算书面答复。按规定的格式补一份。",
        "All right, but that isn't a written reply. Send one in the proper format.",
    ),
    l(
        "大概知道了。具体哪天、谁来办，列个时间表给我。",
        "I get the gist. Which day, and who handles it? Put it on a timetable for me.",
    ),
    l(
        "先记下。下次例会上按议程再过一遍。",
        "Noted. We'll go over it again at the regular meeting, in the agenda's order.",
    ),
];

const B_ANSWER_UNSUITED: &[Line] = &[
    l(
        "这不合规矩。我们约定的办法里，没有这一条。",
        "That's not how it's done. There's no such clause in what we agreed.",
    ),
    l(
        "说改就改？合同里写好的程序，你们不能自己跳过。",
        "Changed just like that? You can't skip the procedure written into the contract.",
    ),
    l(
        "我们从来不是这么处理的，这个先例我不能开。",
        "We have never handled it this way, and I won't set that precedent.",
    ),
];

const C_ANSWER_SUITED: &[Line] = &[
    l(
        "谢谢你跟我说实话，这比什么都强。我们一起想办法。",
        "Thank you for telling me straight; that counts for a lot. Let's work it out together.",
    ),
    l(
        "不是我盼着的答复，但你肯当面来讲，我领这个情。",
        "Not the answer I was hoping for, but you came to tell me face to face. I appreciate that.",
    ),
    l(
        "你想到了我们车间的人要怎么挺过去，这就够了。",
        "You thought about how our people on the floor will get through it. That's enough for me.",
    ),
];

const C_ANSWER_MIDDLING: &[Line] = &[
    l(
        "嗯，道理我懂。可我回去怎么跟下面的人说呢？",
        "Hm, I follow. But what do I tell my people when I get back?",
    ),
    l(
        "行吧。下次再有这种事，先给我打个电话，别光发邮件。",
        "All right. Next time something like this comes up, call me first, don't just email.",
    ),
    l(
        "我听明白了，只是还想知道别的客户碰上这事是怎么过来的。",
        "I follow. I'd still like to hear how your other customers got through the same thing.",
    ),
];

const C_ANSWER_UNSUITED: &[Line] = &[
    l(
        "你这样答复，真让我失望。我还以为我们之间不用这样。",
        "That answer really lets me down. I thought things between us didn't work like that.",
    ),
    l(
        "你让我怎么回去跟车间的人交代？他们会觉得被晾在一边。",
        "How am I meant to face the people on the floor? They'll think they've been forgotten.",
    ),
    l(
        "一封冷冰冰的公函就打发了？连个电话都没有。",
        "A cold form letter, and that's it? Not even a phone call.",
    ),
];

const D_ANSWER_SUITED: &[Line] = &[
    l(
        "行，这条路我看明白了。别纠结眼前，往前看。",
        "All right, I see the road you're on. Let's not dwell on today; look ahead.",
    ),
    l(
        "不是我想要的，但思路清楚。接下来三年怎么走，我们聊聊。",
        "Not the answer I wanted, but I see the thinking. Let's talk about the next three years.",
    ),
    l(
        "这一关过去就过去了，关键是我们下一步往哪走。",
        "That's behind us now. What matters is where we head next.",
    ),
];

const D_ANSWER_MIDDLING: &[Line] = &[
    l(
        "嗯，就事论事地答了。放到长远看，这意味着什么？",
        "Hm, you answered the question in front of us. What does it mean in the long run?",
    ),
    l(
        "行吧，先这样。下次讲讲你们打算往哪走，别光补窟窿。",
        "OK, fine for now. Next time tell me where you're heading, not just how you patch holes.",
    ),
    l(
        "说得过去，可没什么新意。就没有别的出路了吗？",
        "Passable, but nothing new. Is there really no other way out?",
    ),
];

const D_ANSWER_UNSUITED: &[Line] = &[
    l(
        "为这点小事抠来抠去，格局太小了。",
        "All this haggling over a small thing. That's small-minded.",
    ),
    l(
        "你只盯着眼前这一笔，整盘棋根本没看。",
        "You're staring at this one deal and missing the whole board.",
    ),
    l(
        "就这样？我要的是一条出路，不是一堆条款。",
        "That's it? I wanted a way forward, not a pile of clauses.",
    ),
];

// ---------------------------------------------------------------------------------------------
// Need reactions.

const POWER_REACTIONS: &[Line] = &[
    l(
        "这件事最后怎么定，得我说了算，你心里要有数。",
        "Just so you know, how this ends up is my call.",
    ),
    l(
        "下次有新方案，先拿来给我看，别直接找下面的人。",
        "Next time you have something new, bring it to me first, not to my staff.",
    ),
    l(
        "采购委员会里谁听谁的，你要先弄清楚。",
        "Get clear first on who listens to whom on the purchasing committee.",
    ),
    l(
        "这个项目归我管，别的部门的意见只是参考。",
        "This project is mine to run; the other departments only advise.",
    ),
    l(
        "你们老总要来，最好先跟我约，由我来安排。",
        "If your boss wants to come, book it with me first and I'll arrange it.",
    ),
];

const ACHIEVEMENT_REACTIONS: &[Line] = &[
    l(
        "今年降本的指标我完成了七成，剩下的年底前必须拿下。",
        "I've hit 70 percent of this year's cost target; the rest has to come by December.",
    ),
    l(
        "我要的是三个月内能见效的东西，不是一堆承诺。",
        "I want something that shows results within three months, not a pile of promises.",
    ),
    l(
        "上次那条线改完，效率上去了，这种事我愿意干。",
        "After we upgraded that last line, output went up. That's the kind of thing I want.",
    ),
    l(
        "别跟我说难，说说怎么做成。",
        "Don't tell me it's hard; tell me how we get it done.",
    ),
    l(
        "这次要是成了，就是我们部门今年最漂亮的一仗。",
        "If this comes off, it's our department's best win this year.",
    ),
];

const RECOGNITION_REACTIONS: &[Line] = &[
    l(
        "这个改造的主意是我三年前提的，可惜没几个人记得。",
        "I proposed this upgrade three years ago. Pity hardly anyone remembers.",
    ),
    l(
        "你们做案例宣传时，别忘了写上是谁牵的头。",
        "When you write this up as a case study, don't forget who led it.",
    ),
    l(
        "上面的领导只看到结果，我们花了多少心血，没人看见。",
        "The bosses only see the outcome. Nobody sees the effort we put in.",
    ),
    l(
        "你是第一个专门来听我意见的供应商。",
        "You're the first supplier who came specifically to hear my opinion.",
    ),
    l(
        "下次你们高层来，我希望能当面讲讲我们做成的事。",
        "When your executives come, I'd like to tell them in person what we've done here.",
    ),
];

const ACCEPTANCE_REACTIONS: &[Line] = &[
    l(
        "我一个人觉得好没用，得大家都觉得好才行。",
        "It doesn't matter if I like it. Everyone here has to like it.",
    ),
    l(
        "这事你先别声张，我想先听听团队里其他人的意思。",
        "Keep it quiet for now; I want to hear what the rest of the team thinks.",
    ),
    l(
        "我们这儿处得跟一家人似的，新供应商也得融得进来。",
        "We're like a family here; a new supplier has to fit in too.",
    ),
    l(
        "财务和生产那边怎么看？我不想跟他们唱反调。",
        "What do finance and production think? I don't want to be at odds with them.",
    ),
    l(
        "下回部门搞活动你也来吧，大家都认识你了。",
        "Come along to our next team outing. Everyone knows you now.",
    ),
];

const SECURITY_REACTIONS: &[Line] = &[
    l(
        "万一上线出了问题，谁来兜底？这个得先说清楚。",
        "If something goes wrong at start-up, who carries it? I need that settled first.",
    ),
    l(
        "我在这个位子上，出一次事就完了，所以宁可慢一点。",
        "In my seat, one incident and I'm finished. I'd rather go slowly.",
    ),
    l(
        "能不能写进合同：出了故障二十四小时内到场？",
        "Can you put it in the contract: on site within 24 hours of any breakdown?",
    ),
    l(
        "新东西我不排斥，但得有人先用过、没出过岔子。",
        "I'm not against new things, but someone must have used it without a hitch first.",
    ),
    l(
        "要是换成你们，原来那家的设备怎么办？别给我留隐患。",
        "If we switch to you, what happens to the old kit? Don't leave me exposed.",
    ),
];

const POWER_MET: &[Line] = &[
    l(
        "你先来找我，这就对了。下面的人我去打招呼。",
        "You came to me first. Good. I'll have a word with my people.",
    ),
    l(
        "方案里把大的取舍留给我来定，这样我好说话。",
        "You left the big choices to me. That gives me something to work with.",
    ),
    l(
        "有了这个，我在公司里说话就更有分量了。",
        "With this, my word carries more weight in the company.",
    ),
];

const ACHIEVEMENT_MET: &[Line] = &[
    l(
        "照这个做，我今年的指标就有着落了。",
        "Do it this way and this year's target is within reach.",
    ),
    l(
        "这正是我想干成的事，什么时候能开工？",
        "This is exactly what I want to get done. When can we start?",
    ),
    l(
        "好，终于有一个能让我们往前迈一大步的东西。",
        "At last, something that moves us a long way forward.",
    ),
];

const RECOGNITION_MET: &[Line] = &[
    l(
        "你还记得我去年提的那个建议，难得。",
        "You remembered the suggestion I made last year. That's rare.",
    ),
    l(
        "在汇报里写上我们部门的贡献，这个情我领了。",
        "Thank you for crediting our department in the write-up.",
    ),
    l(
        "你们请我去年会上分享，这个面子我记着。",
        "You're inviting me to speak at your annual meeting? I won't forget that.",
    ),
];

const ACCEPTANCE_MET: &[Line] = &[
    l(
        "你把我们几个都请到了一起，这样好，谁也不落下。",
        "You brought all of us together. Good: nobody's left out.",
    ),
    l(
        "跟你们打交道，就像跟自己人打交道一样。",
        "Dealing with you is like dealing with one of our own.",
    ),
    l(
        "团队里的人都喜欢你们，那就好办了。",
        "The whole team likes you. That makes it easy.",
    ),
];

const SECURITY_MET: &[Line] = &[
    l(
        "有了这份书面担保，我心里踏实多了。",
        "With that guarantee in writing, I can breathe easier.",
    ),
    l(
        "先试运行一个月、不行就撤，这个办法稳妥。",
        "A one-month trial we can walk away from. That's a safe way to go.",
    ),
    l(
        "备件和人员都有后备，出了事也不怕了。",
        "Spare parts and a backup crew on call: a breakdown won't sink me now.",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    const NEEDS: [Need; 5] = [
        Need::Power,
        Need::Achievement,
        Need::Recognition,
        Need::Acceptance,
        Need::Security,
    ];

    /// Words that name or strongly suggest a need: no style line may hold one.
    const NEED_WORDS_ZH: &[&str] = &[
        "权",
        "拍板",
        "说了算",
        "决定",
        "决策",
        "成就",
        "业绩",
        "目标",
        "指标",
        "变革",
        "赏识",
        "认可",
        "器重",
        "尊重",
        "功劳",
        "面子",
        "接纳",
        "合群",
        "圈子",
        "团队",
        "大家",
        "安全",
        "风险",
        "保障",
        "保险",
        "稳妥",
        "出事",
        "担保",
        "责任",
        "万一",
    ];
    const NEED_WORDS_EN: &[&str] = &[
        "power",
        "authority",
        "in charge",
        "decide",
        "decision",
        "sign off",
        "achiev",
        "target",
        "goal",
        "result",
        "transform",
        "credit",
        "recogni",
        "respect",
        "praise",
        "belong",
        "accept",
        "left out",
        "team",
        "everyone",
        "safe",
        "risk",
        "guarantee",
        "insur",
        "blame",
        "liabilit",
        "trouble",
    ];
    /// Words that name or strongly suggest a style: no need line may hold one.
    const STYLE_WORDS_ZH: &[&str] = &[
        "数据", "数字", "逻辑", "分析", "图表", "参数", "流程", "步骤", "惯例", "顺序", "规矩",
        "格式", "细节", "例子", "故事", "经历", "感受", "感觉", "心情", "愿景", "蓝图", "未来",
        "五年", "十年", "想象", "比方",
    ];
    const STYLE_WORDS_EN: &[&str] = &[
        "data",
        "figure",
        "number",
        "logic",
        "analy",
        "chart",
        "spec sheet",
        "process",
        "step",
        "procedure",
        "routine",
        "rule",
        "template",
        "detail",
        "example",
        "story",
        "stories",
        "experience",
        "feel",
        "vision",
        "big picture",
        "future",
        "five years",
        "ten years",
        "imagin",
        "dream",
        "metaphor",
    ];

    fn style_lines(style: Style) -> Vec<Line> {
        let mut lines = style_cues(style).to_vec();
        for reception in Reception::ALL {
            lines.extend_from_slice(style_reactions(style, reception));
            lines.extend_from_slice(style_answers(style, reception));
        }
        lines
    }

    fn need_lines(need: Need) -> Vec<Line> {
        let mut lines = need_cues(need).to_vec();
        lines.extend_from_slice(need_reactions(need));
        lines.extend_from_slice(need_met_reactions(need));
        lines.extend_from_slice(need_at_the_table(need));
        lines
    }

    /// Every line of the bank with where it comes from.
    fn all_lines() -> Vec<(String, Line)> {
        let mut all = Vec::new();
        for style in Style::ALL {
            for line in style_lines(style) {
                all.push((format!("{style:?}"), line));
            }
        }
        for need in NEEDS {
            for line in need_lines(need) {
                all.push((format!("{need:?}"), line));
            }
        }
        all
    }

    fn is_cjk(c: char) -> bool {
        matches!(c as u32,
            0x2E80..=0x2FFF | 0x3000..=0x303F | 0x3040..=0x30FF | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF)
    }

    #[test]
    fn every_list_has_at_least_the_stated_number_of_lines() {
        for style in Style::ALL {
            // Enough that a 25-person scenario dealing two cues a person rarely repeats one.
            assert!(style_cues(style).len() >= 17, "{style:?} cues");
            assert!(
                style_reactions(style, Reception::Suited).len() >= 4,
                "{style:?} suited"
            );
            assert!(
                style_reactions(style, Reception::Middling).len() >= 3,
                "{style:?} middling"
            );
            assert!(
                style_reactions(style, Reception::Unsuited).len() >= 4,
                "{style:?} unsuited"
            );
        }
        for need in NEEDS {
            assert!(need_cues(need).len() >= 10, "{need:?} cues");
            assert!(need_reactions(need).len() >= 4, "{need:?} reactions");
            assert!(need_met_reactions(need).len() >= 2, "{need:?} met");
        }
    }

    #[test]
    fn every_style_and_reception_has_at_least_three_answers() {
        for style in Style::ALL {
            for reception in Reception::ALL {
                assert!(
                    style_answers(style, reception).len() >= 3,
                    "{style:?} {reception:?} answers"
                );
            }
        }
    }

    /// An answer is not a pitch: a good answer to an event (often a refusal) is taken, never
    /// cheered, so the answers share no line with the visit reactions.
    #[test]
    fn answers_are_not_visit_reactions() {
        for style in Style::ALL {
            for reception in Reception::ALL {
                for answer in style_answers(style, reception) {
                    for other in Reception::ALL {
                        assert!(
                            !style_reactions(style, other).contains(answer),
                            "{style:?}: {:?} is also a visit reaction",
                            answer.en
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn no_line_is_empty_in_either_language() {
        for (owner, line) in all_lines() {
            assert!(
                !line.zh.trim().is_empty(),
                "{owner}: empty zh beside {:?}",
                line.en
            );
            assert!(
                !line.en.trim().is_empty(),
                "{owner}: empty en beside {:?}",
                line.zh
            );
        }
    }

    #[test]
    fn no_line_repeats_within_or_across_styles_and_needs() {
        let mut zh: HashMap<&str, String> = HashMap::new();
        let mut en: HashMap<&str, String> = HashMap::new();
        for (owner, line) in all_lines() {
            if let Some(first) = zh.insert(line.zh, owner.clone()) {
                panic!("{:?} appears for {first} and {owner}", line.zh);
            }
            if let Some(first) = en.insert(line.en, owner.clone()) {
                panic!("{:?} appears for {first} and {owner}", line.en);
            }
        }
    }

    #[test]
    fn chinese_lines_use_full_width_punctuation_only() {
        for (owner, line) in all_lines() {
            for bad in [',', ':', ';', '?', '!', '(', ')', '"', '\'', '.', ' '] {
                assert!(!line.zh.contains(bad), "{owner}: {bad:?} in {:?}", line.zh);
            }
            let last = line.zh.chars().last().unwrap_or(' ');
            assert!(
                "。！？”」".contains(last),
                "{owner}: unfinished {:?}",
                line.zh
            );
        }
    }

    #[test]
    fn english_lines_contain_no_cjk_characters() {
        for (owner, line) in all_lines() {
            assert!(
                !line.en.chars().any(is_cjk),
                "{owner}: CJK in {:?}",
                line.en
            );
            assert!(
                !line.en.contains(['“', '”', '‘', '’']),
                "{owner}: curly quote in {:?}",
                line.en
            );
            let last = line.en.chars().last().unwrap_or(' ');
            assert!(".!?\"".contains(last), "{owner}: unfinished {:?}", line.en);
        }
    }

    #[test]
    fn lines_stay_short_enough_for_a_dialogue_box() {
        for (owner, line) in all_lines() {
            assert!(
                line.zh.chars().count() <= 40,
                "{owner}: long zh {:?}",
                line.zh
            );
            assert!(
                line.en.chars().count() <= 90,
                "{owner}: long en {:?}",
                line.en
            );
        }
    }

    #[test]
    fn style_lines_carry_no_need_keywords() {
        for style in Style::ALL {
            for line in style_lines(style) {
                for word in NEED_WORDS_ZH {
                    assert!(
                        !line.zh.contains(word),
                        "{style:?}: {word} in {:?}",
                        line.zh
                    );
                }
                let en = line.en.to_lowercase();
                for word in NEED_WORDS_EN {
                    assert!(!en.contains(word), "{style:?}: {word} in {:?}", line.en);
                }
            }
        }
    }

    #[test]
    fn need_lines_carry_no_style_keywords() {
        for need in NEEDS {
            for line in need_lines(need) {
                for word in STYLE_WORDS_ZH {
                    assert!(!line.zh.contains(word), "{need:?}: {word} in {:?}", line.zh);
                }
                let en = line.en.to_lowercase();
                for word in STYLE_WORDS_EN {
                    assert!(!en.contains(word), "{need:?}: {word} in {:?}", line.en);
                }
            }
        }
    }

    #[test]
    fn cues_name_neither_the_style_nor_the_need() {
        let names = [
            "analytic",
            "sequential",
            "interpersonal",
            "imaginative",
            "style",
            "quadrant",
            "分析型",
            "程序型",
            "人际型",
            "想象型",
            "风格",
            "象限",
            "需求",
        ];
        for (owner, line) in all_lines() {
            let en = line.en.to_lowercase();
            for name in names {
                assert!(!line.zh.contains(name), "{owner}: {name} in {:?}", line.zh);
                assert!(!en.contains(name), "{owner}: {name} in {:?}", line.en);
            }
        }
    }

    #[test]
    fn cues_are_written_without_a_gendered_pronoun() {
        let pronouns = [
            "he", "she", "him", "her", "his", "hers", "himself", "herself",
        ];
        for style in Style::ALL {
            check_no_pronoun(&format!("{style:?}"), style_cues(style), &pronouns);
        }
        for need in NEEDS {
            check_no_pronoun(&format!("{need:?}"), need_cues(need), &pronouns);
        }
    }

    fn check_no_pronoun(owner: &str, cues: &[Line], pronouns: &[&str]) {
        for line in cues {
            assert!(
                !line.zh.contains(['他', '她']),
                "{owner}: pronoun in {:?}",
                line.zh
            );
            let words = line
                .en
                .split(|c: char| !c.is_ascii_alphabetic())
                .map(str::to_lowercase);
            for word in words {
                assert!(
                    !pronouns.contains(&word.as_str()),
                    "{owner}: {word} in {:?}",
                    line.en
                );
            }
        }
    }

    #[test]
    fn reactions_are_bare_speech_without_quotation_marks() {
        for style in Style::ALL {
            for reception in Reception::ALL {
                check_unquoted(style_reactions(style, reception));
                check_unquoted(style_answers(style, reception));
            }
        }
        for need in NEEDS {
            check_unquoted(need_reactions(need));
            check_unquoted(need_met_reactions(need));
        }
    }

    fn check_unquoted(lines: &[Line]) {
        for line in lines {
            for (text, quote) in [(line.zh, '“'), (line.zh, '「'), (line.en, '"')] {
                assert!(!text.starts_with(quote), "quoted reaction {text:?}");
            }
        }
    }

    #[test]
    fn reception_follows_the_models_fit_thresholds() {
        assert_eq!(Reception::from_fit(GOOD_FIT), Reception::Suited);
        assert_eq!(Reception::from_fit(1.5), Reception::Suited);
        assert_eq!(
            Reception::from_fit(SUPPORT_NEUTRAL_FIT),
            Reception::Middling
        );
        assert_eq!(Reception::from_fit(1.0), Reception::Middling);
        assert_eq!(
            Reception::from_fit(SUPPORT_NEUTRAL_FIT - 0.01),
            Reception::Unsuited
        );
        assert_eq!(Reception::from_fit(0.6), Reception::Unsuited);
    }

    #[test]
    fn pick_returns_the_text_of_the_language() {
        let line = style_cues(Style::A)[0];
        assert_eq!(line.pick(Language::Zh), line.zh);
        assert_eq!(line.pick(Language::En), line.en);
    }
}
