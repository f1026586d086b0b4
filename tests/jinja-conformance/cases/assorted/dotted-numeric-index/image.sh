{{ features.0 }} {{ features[1] }} {{ packages.common.1 }} {{ packages['web'][0] }}
