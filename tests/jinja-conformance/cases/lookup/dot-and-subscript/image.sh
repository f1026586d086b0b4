{{ aws_extra.instance_type }} {{ aws_extra['instance_type'] }} {{ aws_extra.tags.Name }} {{ aws_extra['tags']['Team'] }} {{ aws_extra.tags['Name'] }}
