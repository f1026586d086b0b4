retry() { for i in 1 2 3; do "$@" && return 0; sleep 5; done; return 1; }
