#!/usr/bin/env bash
# Verifies a CoGov organisation archive without CoGov (docs/export/README.md, decision record 26), with jq, sha256sum,
# unzip and coreutils only:
#   - every entry's size and SHA-256 match the manifest, and the zip holds nothing the manifest does not list;
#   - every cycle's log: each entry's hash is the SHA-256 of its canonical string, the canonical string reads back as
#     the entry's own fields, each entry names the previous entry's hash (the first a hash of zeros), sequences run
#     1, 2, 3 ... with no gap, and the last entry is the cycle's recorded length and head;
#   - every anchor the archive holds of a log (signatures, mailed anchors, kept records) still agrees with it;
#   - every kept record's PDF has the SHA-256 and length CoGov recorded when it kept it.
# Prints one line per cycle and per record, OK or FAIL with what and where; exits 1 on any FAIL, 2 when it cannot read.
#
# Usage: scripts/verify-export.sh ARCHIVE.zip
set -euo pipefail
export LC_ALL=C.UTF-8

if [ $# -ne 1 ]; then
    echo "Usage: $0 ARCHIVE.zip" >&2
    exit 2
fi
archive=$1
for tool in jq sha256sum unzip; do
    command -v "$tool" >/dev/null || { echo "$tool is needed: apt-get install $tool" >&2; exit 2; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# -qq quiet, -o no questions; unzip refuses entries that would land outside the folder.
unzip -qq -o "$archive" -d "$work/x" || { echo "FAIL $archive: not a zip that unzip can read" >&2; exit 2; }
cd "$work/x"
[ -f manifest.json ] || { echo "FAIL $archive: no manifest.json"; exit 1; }

failed=0
fail() { echo "FAIL $*"; failed=1; }
sha() { sha256sum -- "$1" | cut -d' ' -f1; }

format=$(jq -r '.format + " " + (.formatVersion | tostring)' manifest.json)
if [ "$format" != "cogov-organisation-archive 1" ]; then
    echo "FAIL manifest.json: format '$format' is not cogov-organisation-archive 1"
    exit 1
fi
echo "Archive of $(jq -r .organisationKey manifest.json), exported $(jq -r .exportedAt manifest.json) by CoGov $(jq -r .coGovVersion manifest.json)"

# The manifest against the files.
while IFS=$'\t' read -r name size digest; do
    if [ ! -f "$name" ]; then
        fail "$name: listed in the manifest but not in the zip"
        continue
    fi
    actual_size=$(stat -c %s -- "$name")
    [ "$actual_size" = "$size" ] || fail "$name: $actual_size bytes, the manifest says $size"
    actual=$(sha "$name")
    [ "$actual" = "$digest" ] || fail "$name: SHA-256 $actual, the manifest says $digest"
done < <(jq -r '.entries[] | [.name, (.size | tostring), .sha256] | @tsv' manifest.json)
while IFS= read -r name; do
    jq -e --arg name "$name" 'any(.entries[]; .name == $name)' manifest.json >/dev/null \
        || fail "$name: in the zip but not listed in the manifest"
done < <(find . -type f ! -path ./manifest.json | sed 's|^\./||' | sort)

# Each cycle's log. jq checks everything but the hashes (b, c, d and the anchors); sha256sum checks the hashes (a).
[ -f records.json ] || { fail "records.json: missing"; echo '{"records":[]}' > records.json; }
for cycle in $(jq -r '.entries[].name | select(startswith("cycles/"))' manifest.json); do
    [ -f "$cycle" ] || continue
    where=$(jq -r '"\(.systemKey) cycle \(.cycle) (\(.id))"' "$cycle")
    problems=$(jq -r --slurpfile records records.json '
        . as $c
        | def fields($e): [$c.id, ($e.sequence | tostring), $e.at, ($e.actorPersonId // ""), $e.actorName, $e.kind,
                           (if $e.questionNumber == null then "" else ($e.questionNumber | tostring) end), $e.text, $e.previousHash];
          def expected($e): if $e.hashVersion == 1 then fields($e) else ["2"] + fields($e) + [$e.actingLogin // ""] end;
          def anchored($what; $entries; $head):
            if $entries == null then
              (if any($c.log[]; .hash == $head) then empty else "\($what): no entry carries the head \($head[0:12]) it names" end)
            elif ($c.log | map(select(.sequence == $entries)) | length) == 0 then
              "\($what): it counted \($entries) entries, but the log ends at entry \($c.log | length)"
            elif ($c.log | map(select(.sequence == $entries))[0].hash) != $head then
              "\($what): entry \($entries) has the hash \($c.log | map(select(.sequence == $entries))[0].hash[0:12]), not the \($head[0:12]) anchored"
            else empty end;
        ($c.log | to_entries[]
            | .key as $i | .value as $e
            | (if $e.sequence != $i + 1 then "entry \($i + 1) of the file has sequence \($e.sequence): an entry is missing, doubled or moved" else empty end),
              (if $e.previousHash != (if $i == 0 then "0000000000000000000000000000000000000000000000000000000000000000" else $c.log[$i - 1].hash end)
               then "entry \($e.sequence) names the previous hash \($e.previousHash[0:12]), but the entry before it has \(if $i == 0 then "none (zeros)" else $c.log[$i - 1].hash[0:12] end)" else empty end),
              (if ($e.hashVersion != 1 and $e.hashVersion != 2) or ($e.hashVersion == 1 and $e.actingLogin != null)
               then "entry \($e.sequence) is in no form CoGov writes (hash version \($e.hashVersion), login \($e.actingLogin))" else empty end),
              (if (try ($e.canonical | fromjson) catch null) != expected($e)
               then "entry \($e.sequence): its canonical string does not read as its fields" else empty end)),
        (if ($c.log | length) != $c.logLength then "the cycle records \($c.logLength) entries, the log holds \($c.log | length)" else empty end),
        (if (($c.log | last).hash // "0000000000000000000000000000000000000000000000000000000000000000") != $c.logHeadHash
         then "the cycle records the head \($c.logHeadHash[0:12]), the last entry has \(($c.log | last).hash // "none" | .[0:12])" else empty end),
        ($c.signOffs[] | select(.logHeadHash != null) | anchored("the \(.side) signature of \(.personName)"; .logLength; .logHeadHash)),
        ($c.anchors[] | anchored("the anchor mailed \(.at) (\(.reason))"; .logLength; .logHeadHash)),
        ($records[0].records[] | select(.assessmentId == $c.id and .logHeadHash != null)
            | anchored("the record \(.fileName)"; .logLength; .logHeadHash))
    ' "$cycle")
    # (a): each entry's hash is the SHA-256 of its canonical string's UTF-8 bytes. One entry a line: a canonical
    # string is JSON, so it holds no raw line break.
    while IFS=$'\t' read -r sequence hash; do
        IFS= read -r canonical <&3
        actual=$(printf '%s' "$canonical" | sha256sum | cut -d' ' -f1)
        if [ "$actual" != "$hash" ]; then
            problems+=$'\n'"entry $sequence: its content hashes to ${actual:0:12}, not the ${hash:0:12} it carries: it was changed"
        fi
    done < <(jq -r '.log[] | [(.sequence | tostring), .hash] | @tsv' "$cycle") 3< <(jq -r '.log[].canonical' "$cycle")
    problems=$(printf '%s' "$problems" | sed '/^$/d')
    if [ -z "$problems" ]; then
        echo "OK   $where: $(jq -r '"\(.log | length) entries, chained and whole, head \(.logHeadHash)"' "$cycle")"
    else
        fail "$where:"
        printf '%s\n' "$problems" | sed 's/^/     /'
    fi
done

# Each kept record's PDF against what CoGov recorded when it kept it.
while IFS=$'\t' read -r file name length digest; do
    if [ ! -f "$file" ]; then
        fail "record $name ($file): the PDF is not in the zip"
        continue
    fi
    actual=$(sha "$file")
    actual_length=$(stat -c %s -- "$file")
    if [ "$actual" != "$digest" ]; then
        fail "record $name ($file): SHA-256 $actual, CoGov recorded $digest"
    elif [ "$actual_length" != "$length" ]; then
        fail "record $name ($file): $actual_length bytes, CoGov recorded $length"
    else
        echo "OK   record $name: SHA-256 $digest"
    fi
done < <(jq -r '.records[] | [.file, .fileName, (.length | tostring), .sha256] | @tsv' records.json)

exit $failed
