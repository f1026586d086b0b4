{{ cluster is defined }} {{ name }}
