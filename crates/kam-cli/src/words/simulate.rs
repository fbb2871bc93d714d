//! What `kam simulate` prints (its table's headings are shared with `kam balance`).

kam_sim::word_table! {
    pub enum Say {
        UnknownStrategy => "kam simulate：没有名为 `{}` 的策略；可以用 `all` 或以下之一：{}", "kam simulate: unknown strategy `{}`; expected `all` or one of: {}";
        StrategyFailed => "kam simulate：内置策略出错（这是 kam 的问题，不是场景文件的问题）：{}", "kam simulate: {}";
        Heading => "场景 `{}`：每个策略 {} 局，种子 {} 到 {}", "scenario `{}`: {} games per strategy, seeds {}..={}";
        Strategy => "策略", "strategy";
        OutOfHundred => "{}（0–100）", "{} (0-100)";
        Mean => "均值", "mean";
    }
}
