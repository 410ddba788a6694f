//! The values every reader parses, each read in one place: sizes (parameter counts) in
//! `size.rs`, links and their closed kind in `link.rs`, release dates as people write them in
//! `date.rs` (a data file's own date field is [`crate::model::Date`]'s `FromStr`). A Hub id from
//! an address is [`super::hub::address::HubAddress`]'s.

pub(crate) mod date;
pub(crate) mod link;
pub(crate) mod size;
