//! The class server's report, kam-cli's `kam report` over the class's results: how the
//! binary lets kam-serve make a report without either crate depending on the other. The
//! end-to-end tests (`tests/class_server.rs`) give their in-process servers this same one.

/// The class server's report: the same verification, HTML and CSV as `kam report`, with every
/// game counted as far as it went (a class still playing, or one ended early).
pub struct ClassReport;

impl kam_serve::Reporter for ClassReport {
    fn report(&self, request: kam_serve::ReportRequest) -> kam_serve::ReportFiles {
        let report = kam_cli::report::build_from_records(
            request.records,
            &[request.scenario],
            kam_cli::report::Unfinished::Compare,
        );
        kam_serve::ReportFiles {
            html: kam_cli::report::page(&report, request.lang, Some(&request.title)),
            csv: kam_cli::report::csv(&report, request.lang),
        }
    }
}
