// HICDA sources follow.
