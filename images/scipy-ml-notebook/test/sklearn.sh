#!/bin/sh
set -e
python -c "import sklearn; print('scikit-learn', sklearn.__version__)"
