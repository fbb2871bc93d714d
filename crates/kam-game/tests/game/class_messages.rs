//! Issue 20, finding 14: a class game's messages on an old computer after a rejoin elsewhere or
//! after the class ended, and a network failure, read as an English tooltip in the Chinese UI,
//! as advice to rejoin (which would take the seat back from the new computer), as a generic
//! "the server refused a submission", or as developer text ("os error 111"). Each now says in
//! the UI's language what happened and what to do, with any technical cause in a tooltip.

use egui_kittest::kittest::Queryable;
use kam_game::class::status_line;
use kam_game::i18n::Lang;
use kam_game::session::Screen;

use crate::fake_class::{FakeClass, Mode, joined, link, play_month, title, wait_until};
use crate::support::harness;

#[test]
fn a_seat_taken_up_on_another_computer_says_months_here_are_not_recorded() {
    for lang in [Lang::Zh, Lang::En] {
        let dir = tempfile::tempdir().unwrap();
        let class = FakeClass::start("free");
        let s = joined(dir.path(), &class, lang);
        class.set_mode(Mode::SeatGone);
        wait_until(15, "the seat gone", || link(&s).seat_gone);
        let (short, more, trouble) = status_line(s.class.seat.as_ref().unwrap(), lang);
        assert!(trouble);
        match lang {
            Lang::Zh => {
                assert!(short.contains("不记录"), "{short}");
                assert!(
                    more.contains("另一台电脑") && more.contains("不会记录"),
                    "{more}"
                );
                assert!(!more.contains("重新加入"), "no advice to rejoin: {more}");
                assert!(
                    !more.chars().any(|c| c.is_ascii_alphabetic()),
                    "no English in the Chinese UI: {more}"
                );
            }
            Lang::En => {
                assert!(short.contains("not recorded"), "{short}");
                assert!(
                    more.contains("played on another computer") && more.contains("not recorded"),
                    "{more}"
                );
                assert!(!more.to_lowercase().contains("rejoin"), "{more}");
            }
        }
    }
}

#[test]
fn an_ended_class_says_so_and_that_further_months_are_practice() {
    for lang in [Lang::Zh, Lang::En] {
        let dir = tempfile::tempdir().unwrap();
        let class = FakeClass::start("rounds");
        let mut s = joined(dir.path(), &class, lang);
        class.state().ended = true;
        play_month(&mut s);
        wait_until(15, "the month refused", || link(&s).refused.is_some());
        let (short, more, _) = status_line(s.class.seat.as_ref().unwrap(), lang);
        match lang {
            Lang::Zh => {
                assert!(short.contains("课程已结束"), "{short}");
                assert!(!short.contains("拒绝"), "{short}");
                assert!(more.contains("练习") && more.contains("不会记录"), "{more}");
                assert!(!more.chars().any(|c| c.is_ascii_alphabetic()), "{more}");
            }
            Lang::En => {
                assert!(short.contains("ended"), "{short}");
                assert!(!short.contains("refused"), "{short}");
                assert!(more.contains("practice"), "{more}");
            }
        }
        // Nothing will be released any more: the month's report shows instead of a wait.
        let mut h = harness(s);
        h.run_steps(3);
        assert_eq!(h.state().screen, Screen::Report);
        let waiting = match lang {
            Lang::Zh => "等待全班完成本月",
            Lang::En => "Waiting for the class",
        };
        assert!(h.query_by_label_contains(waiting).is_none());
    }
}

#[test]
fn an_unreachable_server_is_said_in_plain_words_with_the_cause_aside() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let dead = listener.local_addr().unwrap().to_string();
    drop(listener);
    for (lang, plain) in [
        (Lang::Zh, format!("班级服务器 {dead} 没有应答")),
        (
            Lang::En,
            format!("The class server does not answer at {dead}"),
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let mut s = title(dir.path(), &dead, lang);
        s.apply(kam_game::session::Action::JoinClass);
        let mut h = harness(s);
        for _ in 0..100 {
            h.run_steps(1);
            if h.query_by_label_contains(&plain).is_some() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        assert!(h.query_by_label_contains(&plain).is_some(), "{plain}");
        assert!(
            h.query_by_label_contains("os error").is_none(),
            "developer text stays out of the message"
        );
    }

    // A game whose server goes away: the top bar's explanation starts with the same words.
    let dir = tempfile::tempdir().unwrap();
    let class = FakeClass::start("free");
    let mut s = joined(dir.path(), &class, Lang::Zh);
    class.set_mode(Mode::Cut);
    play_month(&mut s);
    wait_until(15, "offline", || link(&s).offline.is_some());
    let (short, more, trouble) = status_line(s.class.seat.as_ref().unwrap(), Lang::Zh);
    assert!(trouble);
    assert!(short.contains("离线"), "{short}");
    let first = more.lines().next().unwrap_or_default();
    assert!(
        first.contains(&format!("班级服务器 {} 没有应答", class.address)),
        "{more}"
    );
    assert!(!first.chars().any(|c| c.is_ascii_alphabetic()), "{first}");
}
