//! What `kam report` prints and writes.

kam_sim::word_table! {
    pub enum Say {
    }
}
