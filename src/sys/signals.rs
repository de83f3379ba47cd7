//! The signals that ask qbank to stop (SIGINT, SIGTERM, SIGQUIT, and SIGHUP from a closed
//! terminal), caught instead of obeyed while work that must not be lost is in progress.

use std::io;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use signal_hook::SigId;

#[cfg(unix)]
const HANGUP: &[i32] = &[signal_hook::consts::SIGHUP];
#[cfg(not(unix))]
const HANGUP: &[i32] = &[];

/// While it lives, the stop signals set a flag instead of ending the process.
pub struct Watch {
    fired: Arc<AtomicBool>,
    handlers: Vec<SigId>,
}

impl Watch {
    pub fn start() -> io::Result<Watch> {
        let fired = Arc::new(AtomicBool::new(false));
        let mut handlers = Vec::new();
        for &signal in signal_hook::consts::TERM_SIGNALS.iter().chain(HANGUP) {
            handlers.push(signal_hook::flag::register(signal, Arc::clone(&fired))?);
        }
        Ok(Watch { fired, handlers })
    }

    /// The flag itself, for code that polls it on another thread or in a loop.
    pub fn flag(&self) -> Arc<AtomicBool> {
        Arc::clone(&self.fired)
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        for &id in &self.handlers {
            signal_hook::low_level::unregister(id);
        }
    }
}
