//! The integration tests, one binary (as ripgrep builds them): each module is a file beside this
//! one, named for what it checks; [`common`] holds the helpers they share.

mod common;

mod architecture;
mod areas;
mod atomic;
mod bad_input;
mod buffer;
mod catalog;
mod charts;
mod cli_compare;
mod cli_reach;
mod cli_render;
mod cli_rings;
mod cli_sweep;
mod coverage;
mod dependencies;
mod detail;
mod estimates;
mod examples_golden;
mod flight;
mod footprint;
mod fuzz_corpus;
mod gdal;
mod inside_property;
mod isochrones;
mod karney_fixture;
mod kml;
mod labels;
mod labels_never_lost;
mod maps;
mod people_once;
mod png_strips;
mod regressions;
mod render_golden;
mod report_fields;
mod report_writers;
mod scenario;
mod scenario_errors;
mod serve_browser;
mod serve_http;
mod site_names;
mod strategic;
mod svg_fonts;
mod sweep;
mod theme_contrast;
