{{ zones|unique|list }} {{ zones|unique(case_sensitive=true)|list }} {{ hosts|unique(attribute='zone')|map(attribute='name')|list }} {{ [1, 1.0, true, 2]|unique|list }}
