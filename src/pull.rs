//! `llmkg pull`: a model's family fetched from the Hub API, recursively (the model, then its
//! children by each relation, page after page), written as JSON Lines that `--data` reads. It
//! asks as huggingface_hub does (`HF_ENDPOINT`, `HF_TOKEN`), waits out rate limits, retries
//! server errors, and resumes from its own file.

use anyhow::{Context, Result, bail};
use serde_json::Value;
use std::collections::{HashSet, VecDeque};
use std::io::{BufRead, Write};
use std::path::Path;
use std::time::Duration;

/// The relations a Hub model's children are listed by (`filter=base_model:<relation>:<id>`).
const RELATIONS: [&str; 4] = ["finetune", "adapter", "quantized", "merge"];

/// How many times a request that failed by the server or the network is tried again.
const RETRIES: u32 = 5;

/// The longest wait a rate limit is obeyed for, in seconds.
const MAX_WAIT: u64 = 300;

/// What to fetch and where.
pub(crate) struct Pull {
    /// The server (`https://huggingface.co`).
    pub(crate) endpoint: String,
    pub(crate) token: Option<String>,
    /// How many levels of children below the model (none: all).
    pub(crate) depth: Option<usize>,
    /// At most this many models in the file.
    pub(crate) limit: Option<usize>,
    /// A page size asked of the list endpoint.
    pub(crate) page: usize,
    /// Says a line on standard error (a wait, a retry).
    pub(crate) note: fn(&str),
}

/// What a pull did.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Pulled {
    /// Models written by this run.
    pub(crate) written: usize,
    /// Models already in the file from an earlier run.
    pub(crate) kept: usize,
    pub(crate) requests: usize,
}

/// One answer: status, body, and the next page's address from its `Link` header.
struct Answer {
    status: u16,
    body: String,
    next: Option<String>,
}

impl Pull {
    /// The agent: statuses are answers, not errors; a request may take 60 s.
    fn agent() -> ureq::Agent {
        ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(60)))
            .build()
            .into()
    }

    /// GETs `url`, waiting out 429s and retrying 5xx answers and network errors with backoff.
    fn get(&self, agent: &ureq::Agent, url: &str, done: &mut Pulled) -> Result<Answer> {
        let mut tries = 0;
        loop {
            done.requests += 1;
            let mut req = agent.get(url);
            if let Some(t) = &self.token {
                req = req.header("Authorization", &format!("Bearer {t}"));
            }
            let backoff = Duration::from_millis(250 << tries.min(6));
            let mut resp = match req.call() {
                Ok(r) => r,
                Err(e) if tries < RETRIES => {
                    tries += 1;
                    (self.note)(&format!("{url}: {e}; trying again"));
                    std::thread::sleep(backoff);
                    continue;
                }
                Err(e) => return Err(e).with_context(|| format!("GET {url}")),
            };
            let status = resp.status().as_u16();
            let header = |name: &str| {
                let v = resp.headers().get(name)?;
                v.to_str().ok().map(str::to_string)
            };
            if status == 429 {
                let wait = header("retry-after")
                    .or_else(|| header("ratelimit-reset"))
                    .and_then(|v| rate_wait(&v))
                    .unwrap_or(1)
                    .min(MAX_WAIT);
                (self.note)(&format!("{url}: rate limited; waiting {wait} s"));
                std::thread::sleep(Duration::from_secs(wait));
                continue;
            }
            if status >= 500 && tries < RETRIES {
                tries += 1;
                (self.note)(&format!("{url}: server error {status}; trying again"));
                std::thread::sleep(backoff);
                continue;
            }
            let next = header("link").and_then(|l| next_link(&l));
            let body = resp.body_mut().read_to_string()?;
            return Ok(Answer { status, body, next });
        }
    }
}

/// Seconds to wait from a `Retry-After` (seconds) or `RateLimit` value (`t=SECONDS` or a
/// number).
fn rate_wait(v: &str) -> Option<u64> {
    let v = v.trim();
    v.parse().ok().or_else(|| {
        (v.split([';', ',']))
            .find_map(|p| p.trim().strip_prefix("t="))
            .and_then(|t| t.trim().parse().ok())
    })
}

/// The `rel="next"` address of a `Link` header.
pub(crate) fn next_link(header: &str) -> Option<String> {
    header.split(',').find_map(|part| {
        let (url, params) = part.split_once(';')?;
        let next = params.split(';').any(|p| {
            let p = p.trim().replace(' ', "");
            p == "rel=\"next\"" || p == "rel=next"
        });
        let url = url.trim().strip_prefix('<')?.strip_suffix('>')?;
        next.then(|| url.to_string())
    })
}

/// The ids already in a journal file (an earlier, perhaps interrupted, pull).
fn journal_ids(path: &Path) -> Result<Vec<String>> {
    let Ok(f) = std::fs::File::open(path) else {
        return Ok(Vec::new());
    };
    let mut ids = Vec::new();
    for line in std::io::BufReader::new(f).lines() {
        let line = line?;
        // a line cut by the interruption is fetched again
        if let Ok(v) = serde_json::from_str::<Value>(&line)
            && let Some(id) = model_id(&v)
        {
            ids.push(id.to_string());
        }
    }
    Ok(ids)
}

/// A record's model id (`id`, or `modelId`).
fn model_id(v: &Value) -> Option<&str> {
    v.get("id").or_else(|| v.get("modelId"))?.as_str()
}

/// The journal being written, and the walk over the family.
struct Walk {
    file: std::fs::File,
    /// The models the file holds.
    have: HashSet<String>,
    /// The models whose children are listed (or will be).
    queued: HashSet<String>,
    queue: VecDeque<(String, usize)>,
}

/// Fetches `id`'s family into the journal `out` (appended to: what it holds is not asked
/// again), calling `progress` after each request with the models and requests so far.
pub(crate) fn pull(
    p: &Pull,
    id: &str,
    out: &Path,
    progress: &mut dyn FnMut(&Pulled),
) -> Result<Pulled> {
    let agent = Pull::agent();
    let mut done = Pulled::default();
    let have: HashSet<String> = journal_ids(out)?.into_iter().collect();
    done.kept = have.len();
    let file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(out)
        .with_context(|| format!("cannot write {}", out.display()))?;
    // every model's children are listed, those in the file from an earlier run too: only the
    // records it holds are not asked for again
    let mut walk = Walk {
        file,
        have,
        queued: HashSet::from([id.to_string()]),
        queue: VecDeque::from([(id.to_string(), 0)]),
    };
    let base = p.endpoint.trim_end_matches('/');
    if !walk.have.contains(id) {
        let v = root(p, &agent, base, id, &mut done)?;
        walk.write(&v, id, &mut done)?;
        progress(&done);
    }
    while let Some((parent, depth)) = walk.queue.pop_front() {
        if p.depth.is_some_and(|max| depth >= max) {
            continue;
        }
        for rel in RELATIONS {
            let first = format!(
                "{base}/api/models?filter=base_model:{rel}:{parent}&limit={}",
                p.page
            );
            let mut url = Some(first);
            while let Some(u) = url.take() {
                if p.full(&done) {
                    return Ok(done);
                }
                let a = p.get(&agent, &u, &mut done)?;
                if a.status != 200 {
                    bail!("{u}: HTTP {}", a.status);
                }
                let page: Vec<Value> =
                    serde_json::from_str(&a.body).with_context(|| format!("{u}: not a list"))?;
                if !walk.children(p, page, depth, &mut done)? {
                    return Ok(done);
                }
                progress(&done);
                url = a.next;
            }
        }
    }
    Ok(done)
}

impl Pull {
    /// Whether the limit of models is reached.
    fn full(&self, d: &Pulled) -> bool {
        self.limit.is_some_and(|l| d.written + d.kept >= l)
    }
}

/// The model's own record; an unknown id is an error that says so.
fn root(p: &Pull, agent: &ureq::Agent, base: &str, id: &str, done: &mut Pulled) -> Result<Value> {
    let url = format!("{base}/api/models/{id}");
    let a = p.get(agent, &url, done)?;
    match a.status {
        200 => {}
        401 | 404 => bail!(
            "{id}: no such model on {base} (HTTP {}): check the id (and HF_TOKEN for a gated or private model)",
            a.status
        ),
        s => bail!(
            "{url}: HTTP {s}: {}",
            a.body.chars().take(200).collect::<String>()
        ),
    }
    serde_json::from_str(&a.body).with_context(|| format!("{url}: not JSON"))
}

impl Walk {
    /// Writes a record the file does not hold yet.
    fn write(&mut self, v: &Value, id: &str, done: &mut Pulled) -> Result<()> {
        write_record(&mut self.file, v)?;
        self.have.insert(id.to_string());
        done.written += 1;
        Ok(())
    }

    /// Takes a page of children found at `depth + 1`: each new one written and queued; false
    /// once the limit is reached.
    fn children(
        &mut self,
        p: &Pull,
        page: Vec<Value>,
        depth: usize,
        done: &mut Pulled,
    ) -> Result<bool> {
        for v in page {
            let Some(child) = model_id(&v).map(str::to_string) else {
                continue;
            };
            if !self.have.contains(&child) {
                if p.full(done) {
                    return Ok(false);
                }
                self.write(&v, &child, done)?;
            }
            if self.queued.insert(child.clone()) {
                self.queue.push_back((child, depth + 1));
            }
        }
        Ok(true)
    }
}

/// Appends one record as a line, flushed at once: the journal is written as it goes.
fn write_record(file: &mut std::fs::File, v: &Value) -> Result<()> {
    let mut line = serde_json::to_vec(v)?;
    line.push(b'\n');
    file.write_all(&line)?;
    file.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_next_page_comes_from_the_link_header() {
        let h = "<https://huggingface.co/api/models?cursor=abc>; rel=\"next\"";
        assert_eq!(
            next_link(h).as_deref(),
            Some("https://huggingface.co/api/models?cursor=abc")
        );
        assert_eq!(next_link("<https://x/a>; rel=\"prev\""), None);
    }

    #[test]
    fn rate_limits_say_how_long_to_wait() {
        assert_eq!(rate_wait("3"), Some(3));
        assert_eq!(rate_wait("\"api\";r=0;t=42"), Some(42));
        assert_eq!(rate_wait("soon"), None);
    }
}
