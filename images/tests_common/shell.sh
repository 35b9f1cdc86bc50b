#!/bin/sh
# Applies to every image of the stack.
set -e
test -x /bin/sh
id
