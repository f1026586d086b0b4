{{ aws_extra.region is defined }} {{ aws_extra.zone is defined }} {{ aws_extra['zone'] is undefined }}
