//! Before the window opens: is there a display to open it on, and, if the window or the GPU
//! cannot start, one readable line instead of a panic and a backtrace from winit or wgpu.

/// Why no window can be opened here, if that can be told before trying: on Linux and the BSDs
/// a window needs an X11 or Wayland display.
pub fn no_display_reason() -> Option<String> {
    if cfg!(any(
        target_os = "windows",
        target_os = "macos",
        target_os = "ios",
        target_os = "android"
    )) {
        return None;
    }
    let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
    if set("DISPLAY") || set("WAYLAND_DISPLAY") {
        return None;
    }
    Some(
        "kam play: no display to open the game window on (neither DISPLAY nor WAYLAND_DISPLAY is set): \
         run it on a desktop, set DISPLAY, or use xvfb-run; the headless commands \
         (kam validate, simulate, balance, report) need no display"
            .to_owned(),
    )
}

/// Replaces the panic message while the game runs: a failure to start the window or the
/// graphics (no display server, no usable GPU driver) is reported in one line saying what to
/// do, with the detail and backtrace only when `RUST_BACKTRACE` asks for them.
pub fn install_panic_message() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if std::env::var_os("RUST_BACKTRACE").is_some_and(|v| v != "0") {
            default(info);
            return;
        }
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let first = what.lines().next().unwrap_or("").trim();
        eprintln!(
            "kam play: the game stopped: {first} (a window needs a working display and a GPU driver \
             or Mesa's software renderer; set RUST_BACKTRACE=1 for details)"
        );
    }));
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_display_variable_is_enough() {
        // Only the logic that reads the variables, without touching the process environment
        // (tests run in parallel): the end-to-end check lives in the binary's tests.
        let reason = super::no_display_reason();
        let has = ["DISPLAY", "WAYLAND_DISPLAY"]
            .iter()
            .any(|n| std::env::var_os(n).is_some_and(|v| !v.is_empty()));
        if cfg!(target_os = "linux") {
            assert_eq!(reason.is_none(), has);
        }
    }
}
