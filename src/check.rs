//! Validation of a built graph: cycles, dangling references, missing organizations, dates out of
//! order, plus the findings recorded while reading. `llmkg check` prints them.
