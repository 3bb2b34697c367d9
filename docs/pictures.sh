#!/usr/bin/env bash
# Remakes docs/dashboard.png and docs/workbook.png with the project's own
# commands. Needs: a built rectify on PATH, chromium, libreoffice (calc),
# poppler-utils (pdftoppm).
set -euo pipefail
docs="$(cd "$(dirname "$0")" && pwd)"
ws="$(mktemp -d)"
rectify init "$ws/demo" >/dev/null
cd "$ws/demo"
at() { RECTIFY_NOW="$1" "${@:2}"; }
at 2022-07-08T10:00:00 rectify log 1.2 --unit 水务局 --status in_progress --date 2022-07-05 \
  --progress "完成全市农村供水保障排查,发现问题12个" --problems "部分村组管网老化" --next "8月底前完成整改" --by 张三
at 2022-07-08T10:00:00 rectify log 1.3 --unit 水务局 --status phased --date 2022-07-07 \
  --progress "应急供水方案已印发" --next "开展应急演练"
at 2022-07-12T10:00:00 rectify log 2.2 --unit 乡村振兴局 --status done --date 2022-07-12 \
  --progress "组织政策业务培训2场,覆盖全部乡镇"
at 2022-07-25T10:00:00 rectify signoff 2.2 --by 王五 --note "经核查,培训记录齐全" --date 2022-07-25
at 2022-08-05T10:00:00 rectify log 5.1 --unit 乡村振兴局 --status phased --date 2022-08-03 \
  --progress "完成7月排查研判,召开调度会1次"
export RECTIFY_NOW=2022-08-12T09:00:00
rectify export -o ledger.xlsx --as-of 2022-08-12
rectify dashboard -o dashboard.html --as-of 2022-08-12
chromium --headless --no-sandbox --disable-gpu --disable-background-networking --no-first-run \
  --user-data-dir="$ws/profile" --hide-scrollbars --window-size=1400,1100 \
  --screenshot="$docs/dashboard.png" "file://$ws/demo/dashboard.html"
libreoffice --headless --convert-to pdf --outdir "$ws" ledger.xlsx >/dev/null
pdftoppm -r 70 -png -f 1 -l 1 -singlefile "$ws/ledger.pdf" "$docs/workbook"
rm -rf "$ws"
