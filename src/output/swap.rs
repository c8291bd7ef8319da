//! Exchanging two folders in one step, where the system can.

use std::io;
use std::path::Path;

/// Swaps the folders at `a` and `b` atomically: at no moment does either path
/// lack a folder. `Unsupported` where the system or file system has no such
/// call, so that the caller can fall back to two renames.
pub(super) fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    if std::env::var_os("TEBIKI_SWAP").is_some_and(|v| v == "rename") {
        // Lets the tests take the path of systems without an exchange.
        return Err(io::ErrorKind::Unsupported.into());
    }
    exchange_native(a, b)
}

#[cfg(any(target_os = "linux", target_os = "android", target_os = "macos"))]
fn exchange_native(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(()),
        // Old kernels (ENOSYS) and file systems without the flag (EINVAL).
        Err(e) if e == rustix::io::Errno::NOSYS || e == rustix::io::Errno::INVAL => {
            Err(io::ErrorKind::Unsupported.into())
        }
        Err(e) => Err(e.into()),
    }
}

#[cfg(not(any(target_os = "linux", target_os = "android", target_os = "macos")))]
fn exchange_native(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::ErrorKind::Unsupported.into())
}

/// Stops the process at a named point when `TEBIKI_FAULT` names it, so that
/// tests can show what a kill at that point leaves behind.
pub(super) fn fault_point(name: &str) {
    if std::env::var_os("TEBIKI_FAULT").is_some_and(|v| v == name) {
        std::process::abort();
    }
}

/// True if a process with this id is running (on systems that can tell;
/// elsewhere every process counts as running, so nothing is cleaned up).
pub(super) fn is_running(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Some(pid) = i32::try_from(pid)
            .ok()
            .and_then(rustix::process::Pid::from_raw)
        else {
            return false;
        };
        !matches!(
            rustix::process::test_kill_process(pid),
            Err(rustix::io::Errno::SRCH)
        )
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}
