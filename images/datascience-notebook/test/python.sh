#!/bin/sh
# Runs inside a fresh container of the image (and of every image below it, which inherits it).
set -e
python --version
python -c "import pandas, numpy; print('pandas', pandas.__version__)"
