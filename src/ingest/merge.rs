//! Ties the records of the record sources (Epoch AI, Ecosystem Graphs) to the graph's nodes:
//! one entity, one node, with every source that names it.
