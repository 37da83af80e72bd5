# env finds its program through PATH, whose default on Ferrite is
# "/bin:initfs:" (a scheme entry).
mkdir scratch && cd scratch || exit 99
env A=changed sh -c 'echo $A'
env -u A sh -c 'echo "[${A-unset}]"'
echo "PATH is set: ${PATH:+yes}"
