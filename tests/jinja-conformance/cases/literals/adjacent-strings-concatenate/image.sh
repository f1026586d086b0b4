{{ "abc" 'def' "ghi" }}
