//! Terminal columns that stay aligned in Chinese: text padded by its display width (a Chinese
//! character takes two columns), not by its count of characters as `format!("{:<8}")` does.

use unicode_width::UnicodeWidthStr;

/// `text` padded with spaces on the right to `width` columns (never cut).
pub fn left(text: &str, width: usize) -> String {
    let pad = width.saturating_sub(text.width());
    format!("{text}{}", " ".repeat(pad))
}

/// `text` padded with spaces on the left to `width` columns (never cut).
pub fn right(text: &str, width: usize) -> String {
    let pad = width.saturating_sub(text.width());
    format!("{}{text}", " ".repeat(pad))
}

/// `text` centred in `width` columns (the odd space on the right, as `{:^w}` does).
pub fn centre(text: &str, width: usize) -> String {
    let pad = width.saturating_sub(text.width());
    format!("{}{text}{}", " ".repeat(pad / 2), " ".repeat(pad - pad / 2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_text_is_padded_by_its_width() {
        assert_eq!(left("策略", 6), "策略  ");
        assert_eq!(right("均值", 7), "   均值");
        assert_eq!(centre("利润", 8), "  利润  ");
        assert_eq!(left("strategy", 4), "strategy");
    }
}
