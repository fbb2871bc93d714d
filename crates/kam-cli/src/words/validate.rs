//! What `kam validate` prints and writes. The problems it reports are kam-sim's
//! ([`kam_sim::Problem::render`]), shared with the game; these are its own lines.

kam_sim::word_table! {
    pub enum Say {
        Ok => "{}: 通过：`{}`（{}，{} 个{}，{}，{}{}）", "{}: ok: `{}` ({}, {} {}, {}, {}{})";
        OneWarning => "，1 个警告", ", 1 warning";
        Warnings => "，{} 个警告", ", {} warnings";
        OneError => "{}: 1 个错误", "{}: 1 error";
        Errors => "{}: {} 个错误", "{}: {} errors";
        Playing => "{}: 正在试玩", "{}: playing";
        Progress => "{msg} [{bar:30}] 第 {pos}/{len} 局，还剩 {eta}", "{msg} [{bar:30}] {pos}/{len} games, {eta} left";
    }
}

#[cfg(test)]
mod tests {
    use super::Say;
    use kam_sim::words::Lang;

    #[test]
    fn the_chinese_reads_as_chinese() {
        crate::words::report::check_catalogue(
            Say::ALL.iter().map(|k| (k.t(Lang::Zh), k.t(Lang::En))),
        );
    }
}
