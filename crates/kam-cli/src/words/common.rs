//! Words more than one command prints: reading files, bundled scenarios, strategies.

kam_sim::word_table! {
    pub enum Say {
        CannotRead => "无法读取 {}：{}", "cannot read {}: {}";
        NotALanguage => "`{}` 不是可选的语言：请用 zh 或 en", "`{}` is not a language: use zh or en";
    }
}
