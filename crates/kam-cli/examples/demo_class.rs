//! Writes a demo class of result files on the Chinese classroom scenario, for trying
//! `kam report` (and for the screenshot in docs/report.png):
//!
//!     cargo run --release -p kam-cli --example demo_class -- /tmp/class
//!     kam report /tmp/class --out /tmp/report.html
//!
//! Twenty trainees play on the class seed with built-in strategies standing in for people;
//! one result is edited afterwards, so the report flags it.

const NAMES: [&str; 20] = [
    "王芳", "李强", "张伟", "刘洋", "陈静", "杨磊", "赵敏", "黄丽", "周杰", "吴婷", "徐明", "孙悦",
    "马超", "朱琳", "胡军", "郭敏", "何雪", "高峰", "林涛", "罗佳",
];

fn main() {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "class".into()));
    std::fs::create_dir_all(&dir).expect("create the folder");
    let (file, src) = kam_sim::BUNDLED_SCENARIOS
        .iter()
        .copied()
        .find(|(f, _)| *f == "classroom_zh.ron")
        .expect("classroom_zh is bundled");
    let prepared = kam_sim::load_str(file, src).expect("loads").0;
    let seed = prepared.scenario.seed;
    // A class is mostly middling: the courseware's norms, even spreading, some 80/20, a few
    // aimless players and two who play like the expert.
    use kam_sim::StrategyId;
    let mix = [
        StrategyId::TierNorms,
        StrategyId::Even,
        StrategyId::TierNorms,
        StrategyId::Pareto,
        StrategyId::Random,
        StrategyId::TierNorms,
        StrategyId::Even,
        StrategyId::Expert,
        StrategyId::Random,
        StrategyId::TierNorms,
    ];
    for (i, name) in NAMES.iter().enumerate() {
        let strategy = mix[i % mix.len()];
        let mut player = strategy.build(i as u64 * 7919);
        let mut game = kam_sim::Game::new(prepared.clone(), seed);
        kam_sim::play_out(&mut game, player.as_mut()).expect("legal game");
        let mut result = kam_sim::record_game(&game, name);
        if i == 4 {
            // Someone "improved" their score by hand.
            result.scores.composite += 25.0;
        }
        kam_sim::write_record_atomic(&dir.join(format!("trainee{:02}.ron", i + 1)), &result)
            .expect("write");
    }
    println!("wrote {} results to {}", NAMES.len(), dir.display());
}
