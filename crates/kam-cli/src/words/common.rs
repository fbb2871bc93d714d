//! Words more than one command prints: reading files, bundled scenarios, strategies.

kam_sim::word_table! {
    pub enum Say {
        CannotRead => "无法读取 {}：{}", "cannot read {}: {}";
        CannotReadScenario => "无法读取 {}：{}（内置场景：{}）", "cannot read {}: {} (bundled scenarios: {})";
        NoSuchFile => "文件不存在", "no such file";
        NoPermission => "没有读写权限", "permission denied";
        IsADirectory => "这是一个文件夹", "it is a folder";
        NotUtf8 => "不是 UTF-8 编码的文本", "not UTF-8 text";
        NotALanguage => "`{}` 不是可选的语言：请用 zh 或 en", "`{}` is not a language: use zh or en";
    }
}

/// An I/O error as a person reads it: the common kinds in `lang`, the system's own sentence
/// for the rest (it is in the system's language already).
pub fn io_error(lang: super::Lang, error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match error.kind() {
        ErrorKind::NotFound => Say::NoSuchFile.t(lang).to_owned(),
        ErrorKind::PermissionDenied => Say::NoPermission.t(lang).to_owned(),
        ErrorKind::IsADirectory => Say::IsADirectory.t(lang).to_owned(),
        ErrorKind::InvalidData => Say::NotUtf8.t(lang).to_owned(),
        _ => error.to_string(),
    }
}
