# yum.upgrade.sh
yum clean all
yum upgrade -y
