#!/bin/sh
# The layers of docs/ARCHITECTURE.md, checked: each directory of src/ may
# include only the layers beneath it (and itself). Exits 1 naming each
# include that reaches upwards.
set -eu
cd "$(dirname "$0")/../src"

# layer: what it may include besides itself.
rules='
base:
core: base
sales: base core
codec: base core sales
ops: base
store: base core ops
messaging: base core codec store ops app/directory.h app/records.h
app: base core sales codec store messaging ops
http: base core sales codec app messaging ops
server: base core sales codec store messaging app http ops
'
# store includes ops (beside base) for its engines' metrics: store/store_metrics.h.
# messaging still reads branches and records through app/directory.h and
# app/records.h (a debt, noted in ARCHITECTURE.md): only those two.

bad=0
echo "$rules" | while IFS=: read -r layer allowed; do
  [ -n "$layer" ] || continue
  grep -rHoE '#include "[a-z_]+/[a-z_./]+"' "$layer" | while IFS=: read -r file inc; do
    target=${inc#\#include \"}
    target=${target%\"}
    top=${target%%/*}
    [ "$top" = "$layer" ] && continue
    ok=0
    for a in $allowed; do
      [ "$a" = "$top" ] || [ "$a" = "$target" ] && ok=1
    done
    if [ $ok = 0 ]; then
      echo "layer violation: src/$file includes $target ($layer may include: ${allowed:-nothing else})"
      echo x >> "${TMPDIR:-/tmp}/salon-layers.$$"
    fi
  done
done
if [ -f "${TMPDIR:-/tmp}/salon-layers.$$" ]; then
  rm -f "${TMPDIR:-/tmp}/salon-layers.$$"
  exit 1
fi
echo "layers: every include reaches only downwards"
