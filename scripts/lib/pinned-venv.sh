# Sourced by the setup scripts: `pinned_venv VENV REQUIREMENTS` makes (or reuses) a venv
# holding exactly the pinned requirements. The stamp is the requirements file itself, so a
# pin change reinstalls and a second run only compares it (< 1 s, no network).
# PYTHON picks the interpreter.
pinned_venv() {
  local venv="$1" requirements="$2"
  local stamp_want stamp_file="$venv/.tributary-stamp"
  stamp_want="$(cat "$requirements")"
  if [[ ! -x "$venv/bin/python" ]]; then
    "${PYTHON:-python3}" -m venv "$venv"
  fi
  if [[ ! -f "$stamp_file" || "$(cat "$stamp_file")" != "$stamp_want" ]]; then
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements"
    printf '%s' "$stamp_want" >"$stamp_file"
  fi
}
