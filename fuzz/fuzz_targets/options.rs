//! The options parser: any attributes a page can carry, in any language, never panic, and a
//! neuron configuration that is accepted trains without a non-finite state. The same text read as
//! a shared link's fragment never panics an explorer either.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nndl_widgets::config::{parse, WidgetConfig};
use nndl_widgets::i18n::Lang;
use nndl_widgets::neuron::NeuronTrainer;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // name=value pairs, one a line; the first line is the page's language.
    let mut lines = text.lines();
    let page = lines.next();
    let pairs: Vec<(&str, &str)> = lines.filter_map(|l| l.split_once('=')).collect();
    let parsed = parse(pairs.iter().copied(), page);
    match parsed.result {
        Ok(WidgetConfig::Neuron(c)) => {
            let mut t = NeuronTrainer::new(c.setup);
            for _ in 0..50 {
                if t.step().is_err() {
                    break;
                }
            }
            let s = t.snapshot();
            assert!(s.w.is_finite() && s.b.is_finite() && s.cost >= 0.0, "{s:?}");
        }
        Ok(WidgetConfig::Explorer(o)) => {
            // The whole input as a page URL's fragment, for the widget ids "a" and "".
            for id in ["a", ""] {
                if let Some(Ok(link)) = nndl_widgets::share::entry(&text, id) {
                    let o = o.clone().with_link(&link);
                    let mut e = nndl_widgets::explorer::Explorer::new(o.config);
                    e.act(nndl_widgets::runner::Action::Step);
                    assert!(e.racers().iter().all(|r| r.snapshot().w.is_finite()));
                }
            }
        }
        Ok(_) => {}
        Err(errors) => {
            for e in errors {
                for lang in Lang::ALL {
                    assert!(e.message(lang).starts_with("data-"));
                }
            }
        }
    }
});
