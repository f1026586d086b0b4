{{ name }}_{{ version }} {{ aws.ami }} {{ aws['subnet'] }} {{ search_path }} {{ version is string }}
