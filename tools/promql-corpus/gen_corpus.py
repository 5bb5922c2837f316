"""Regenerates the PromQL corpus (see README.md): every expression below is sent to a live Prometheus's
/api/v1/format_query; the canonical text it prints (or the error it gives) is written as one JSON line each.
Usage: python3 gen_corpus.py <prometheus-url> <out.jsonl>"""
import json, sys, urllib.error, urllib.parse, urllib.request
hand = r'''
1
-1
+1
1.5
.5
5.
1e3
1E-3
-2.5e-3
0x1F
0xff
Inf
-Inf
+Inf
NaN
nan
INF
123456
1234567
0.00001
0.0001
1e21
1e100
3.14159265358979
"a string"
'single'
`raw \n string`
"esc \n \t \\ \" quote"
'it\'s'
"\u00e9t\u00e9"
"unicode é ü"
"\x41\101"
"tab	in"
up
foo_bar:rate5m
:colon_start
up{}
up{job="api"}
up{job!="api"}
up{job=~"api|web"}
up{job!~"test.*"}
up{job="api",instance="a:9090"}
up{instance="a:9090",job="api"}
up{job="api",}
up{ job = "api" , env = 'prod' }
up{job=""}
up{job=~".+"}
{job="api"}
{__name__="up"}
{__name__=~"up|down"}
{__name__=~".+"}
{__name__!="up",job="x"}
{__name__=~"http_.*",code=~"5.."}
up{le="0.5"}
up{quoted="a\"b"}
up{path="C:\\dir"}
up{by="x",on="y",offset="z"}
up{nl="a\nb"}
up offset 5m
up offset 1h30m
up offset 90s
up offset 1d
up offset 2w
up offset 1y
up offset 36h
up offset 100ms
up offset 1h0m0s
up offset -5m
up @ 1609746000
up @ 1609746000.123
up @ -100
up @ start()
up @ end()
up @ 100 offset 5m
up offset 5m @ 100
up[5m]
up[1h]
up[30s]
up[90m]
up[5m] offset 1h
up[5m] @ 1000
up[5m] @ end() offset 10m
up{job="x"}[10m] offset 2m @ start()
rate(http_requests_total[5m])
rate(http_requests_total{job="api"}[5m])
irate(http_requests_total[1m])
increase(http_requests_total[1h])
delta(temperature[2h])
idelta(temperature[5m])
deriv(temperature[10m])
changes(up[1h])
resets(counter[1h])
abs(x)
absent(nonexistent)
absent(nonexistent{job="x"})
absent_over_time(nonexistent[5m])
ceil(x)
floor(x)
round(x)
round(x, 0.5)
exp(x)
ln(x)
log2(x)
log10(x)
sqrt(x)
sgn(x)
clamp(x, 0, 1)
clamp_max(x, 100)
clamp_min(x, 0)
sort(x)
sort_desc(x)
timestamp(x)
scalar(x)
vector(1)
time()
pi()
day_of_month()
day_of_month(x)
day_of_week()
day_of_year(x)
days_in_month()
hour()
hour(timestamp(x))
minute()
month()
year(x)
acos(x)
acosh(x)
asin(x)
asinh(x)
atan(x)
atanh(x)
cos(x)
cosh(x)
sin(x)
sinh(x)
tan(x)
tanh(x)
deg(x)
rad(x)
avg_over_time(x[5m])
count_over_time(x[5m])
last_over_time(x[5m])
max_over_time(x[5m])
min_over_time(x[5m])
present_over_time(x[5m])
stddev_over_time(x[5m])
stdvar_over_time(x[5m])
sum_over_time(x[5m])
quantile_over_time(0.9, x[5m])
predict_linear(x[1h], 3600)
holt_winters(x[1h], 0.5, 0.5)
histogram_quantile(0.99, rate(http_request_duration_seconds_bucket[5m]))
histogram_quantile(0.9, sum by (le) (rate(h_bucket[5m])))
label_replace(up, "foo", "$1", "job", "(.*)")
label_replace(up{job="api"}, "tenant", "bob", "", "")
label_join(up, "foo", ",", "job", "instance")
label_join(up, "foo", "-")
label_join(up, "foo", "-", "a", "b", "c", "d")
sum(x)
sum by (job) (x)
sum by (job, instance) (x)
sum by () (x)
sum without (job) (x)
sum without () (x)
sum(x) by (job)
sum(x) without (instance)
sum by (job,) (x)
SUM(x)
Sum By (job) (x)
avg(x)
count(x)
min(x)
max(x)
group(x)
stddev(x)
stdvar(x)
topk(5, x)
bottomk(3, x)
topk by (job) (5, x)
topk(5, x) by (job)
quantile(0.9, x)
quantile without (instance) (0.5, x)
count_values("value", x)
count_values by (job) ("v", x)
sum(rate(http_requests_total[5m]))
sum by (job) (rate(http_requests_total[5m]))
max by (instance) (max_over_time(x[1h]))
count(count by (job) (up))
topk(scalar(count(up)), x)
a + b
a - b
a * b
a / b
a % b
a ^ b
a atan2 b
a == b
a != b
a > b
a < b
a >= b
a <= b
a and b
a or b
a unless b
a AND b
a Or b
1 + 2
1 + 2 * 3
(1 + 2) * 3
2 ^ 3 ^ 2
(2 ^ 3) ^ 2
-2 ^ 2
-a ^ 2
-a * b
a * -b
a - -b
- -a
-(-a)
--1
a + b * c - d / e
a * b + c
a + b + c
a - (b - c)
a / b / c
a or b and c
a and b or c
a unless b or c
a or b unless c
a > b and c < d
a + b > c * d
1 == bool 2
1 > bool 2
a > bool b
a == bool 1
a > bool on (job) b
a + on (job) b
a + on () b
a + ignoring (instance) b
a + ignoring () b
a * on (job) group_left () b
a * on (job) group_left (team) b
a * on (job) group_right (team, env) b
a * ignoring (instance) group_left b
a * ignoring (instance) group_right (x) b
a * ignoring () group_left (x) b
a and on (job) b
a or ignoring (instance) b
a unless on () b
a / on (instance, job) group_left sum by (instance, job) (b)
a + on (job) group_left (team) b * on (job) group_left (env) c
1 + a
a + 1
a * 2 + 1
2 * a > 10
a > 10
a == 0
(a)
((a))
(a + b)
(a + b) / c
a / (b + c)
-(a + b)
(rate(x[5m]))
sum((a))
x[5m:]
x[5m:1m]
x[1h:5m] offset 10m
x[1h:5m] @ 1000
x[1h:5m] @ start() offset 1m
rate(x[5m])[30m:1m]
max_over_time(rate(x[5m])[30m:1m])
max_over_time(rate(x[5m])[30m:])
avg_over_time((a + b)[10m:1m])
sum(x)[5m:]
min_over_time(sum by (job) (rate(x[1m]))[1h:5m] offset 1d)
rate(x[5m])[1h:1m][2h:10m]
max_over_time(max_over_time(x[5m:1m])[1h:10m])
quantile_over_time(0.5, x[1h:1m])
absent_over_time(nonexistent[5m:1m])
up # a comment
# leading comment
up
sum( # the aggregation
  rate(x[5m]) # per second
)
up offset 5m # offset
count_values("val", up)
sum by (job) (rate(http_requests_total{job=~"api|web",code!~"2.."}[5m])) / sum by (job) (rate(http_requests_total{job=~"api|web"}[5m]))
histogram_quantile(0.99, sum by (le, job) (rate(http_request_duration_seconds_bucket{job="api",handler!="/metrics"}[5m])))
sum by (namespace, pod) (rate(container_cpu_usage_seconds_total{container!="",namespace=~"prod|staging"}[5m])) > 0.5
(sum(rate(http_requests_total{code=~"5.."}[5m])) / sum(rate(http_requests_total[5m]))) * 100 > bool 1
label_replace(label_replace(up{job="api"}, "a", "$1", "instance", "(.*):.*"), "b", "$1", "instance", ".*:(.*)")
max by (instance) (node_filesystem_avail_bytes{fstype!~"tmpfs|overlay",mountpoint="/"}) / max by (instance) (node_filesystem_size_bytes{fstype!~"tmpfs|overlay",mountpoint="/"})
predict_linear(node_filesystem_free_bytes{job="node",mountpoint="/"}[6h], 4 * 3600) < 0 and node_filesystem_free_bytes{job="node",mountpoint="/"} > 0
sum without (instance, pod, container, endpoint, service) (rate(apiserver_request_total{verb=~"LIST|GET|POST|PUT|PATCH|DELETE"}[5m]))
a_very_long_metric_name_that_goes_on_and_on{label_one="value_one",label_two="value_two",label_three="value_three"}
rate(a_very_long_metric_name_that_goes_on_and_on{label_one="value_one",label_two="value_two",label_three="x"}[5m])
-sum by (job) (rate(http_requests_total{job="api",code=~"5..",handler!~"/health|/metrics|/ready"}[5m]))
topk(10, sum by (job, instance, handler) (rate(http_requests_total{job=~"api|web|worker",code=~"2..|3.."}[5m])))
count_values("version", build_info{job="api",environment="production",region="eu-west-1",cluster="main"})
a_long_metric_name_number_one{label="value"} + on (job) group_left (team) a_long_metric_name_number_two{label="value"}
sum(rate(a_long_metric_name_number_one[5m])) by (job) / ignoring (code) group_left sum(rate(a_long_metric_name_number_two[5m])) by (job, code)
(a_long_metric_name_number_one{label="value"} + a_long_metric_name_number_two{label="value"}) / a_long_metric_name_three
max_over_time(sum by (job) (rate(a_long_metric_name_number_one{label="value",other="thing"}[5m]))[1h:1m] offset 1d)
((a_long_metric_name_number_one{label="value"} + a_long_metric_name_number_two{label="value"}) / a_long_metric_name_number_three{x="y"})
clamp(a_long_metric_name_number_one{label="value"} / a_long_metric_name_number_two{label="value"}, 0, 1) * 100 + 0
1 - avg by (instance) (rate(node_cpu_seconds_total{mode="idle",job="node",instance=~"host-(a|b|c)-[0-9]+"}[5m])) > 0.9 or vector(0)
absent(up{job="a_long_job_name_number_one",instance="a_long_instance_name:9090",environment="production"}) == 1
up unless on (instance) (node_boot_time_seconds{job="node",environment="production",datacenter="primary-dc"} > time() - 600)
sum(up) + sum(up{job="a"}) + sum(up{job="b"}) + sum(up{job="c"}) + sum(up{job="d"}) + sum(up{job="e"}) + sum(up{job="f"})
up and up and up and up and up and up and up and up and up and up and up and up and up and up and up and up and up and up
label_join(a_long_metric_name_number_one{label="value",another="value"}, "joined", "-", "label", "another", "third")
-a_long_metric_name_number_one{label="value",another="value",third="value",fourth="value",fifth="v"}
x @ 1.5
x @ 0
x @ 1e3
x @ 0x10
x offset 1w2d
x offset 8d
x offset 400d
x offset 730d
x[1y]
x[52w]
x[1m30s]
x[1s500ms]
x[7d]
x[14d]
vector(time())
scalar(sum(up)) * 2
time() - timestamp(up)
time() - 3600
hour() >= 9 and hour() < 17
vector(1) and on () hour() > 8
up == bool 1
1 + -1
-1 + 1
1 - - 1
2 * -Inf
NaN != bool NaN
"str"
up{a="1",b="2",c="3",d="4",e="5"}
up{e="5",d="4",c="3",b="2",a="1"}
up{a="x",a!="y"}
up{tenant="alice",tenant!="bob"}
sum by (le) (h_bucket) / ignoring (le) group_left sum(h_count)
rate(x[5m] offset 1h)
rate(x[5m] @ 1000)
sum_over_time(x[1h] offset -1h)
sum(x offset 1h)
x offset 5m + y offset 10m
x @ start() - x @ end()
sort_desc(sum by (job) (up))
group by (job) (up)
stddev by (job) (x)
count without (instance) (up)
min without () (x)
bottomk by (job) (1, x)
topk(1, topk(2, x))
sum(sum(sum(x)))
avg(avg by (a) (avg by (a, b) (x)))
a > on (job) group_left b
a < ignoring (x) group_right (y) b
a >= bool on (j) b
a <= bool ignoring (k) b
a != bool on () group_left () b
x^2
x ^ -1
2^-1
-x^-2
a%b
a/b*c
a*b/c
a-b+c
a+b-c
(a or b) and c
a or (b and c)
(a unless b) unless c
a unless (b unless c)
(a > 1) + (b < 2)
a > 1 + 2
a + (1 > bool 2)
-sum(x)
-rate(x[5m])
-x offset 5m
-x[5m:]
+sum(x)
-vector(1)
-(1)
-(1 + 2)
'a' 
`a\b`
"\a\b\f\v"
"\\"
"\""
'"'
"'"
`"`
'\''
x{a=`b`}
x{a='b'}
x{a="\u2603"}
x{a="☃"}
x{a="\t"}
x{a=~"a.*|b+"}
x{a=~"[a-z]+\\d"}
x{a!~"^$"}
x{a=~""}
'''.split('\n')
invalid = r'''
rate(x)
sum(x[5m])
x[5m][5m]
foo{
foo}
1 +
(1
rate(x[5m]
x offset
x offset 5m offset 5m
x @ 1 @ 2
foo(bar)
sum by (job)
a and 1
1 and a
1 > 2
a + bool b
a + on(x) group_left(x) b
a and on(x) group_left b
{}
{job=""}
{job=~".*"}
up{__name__="x"}
x[0s]
x[5m:0s]
x[5x]
"unterminated
'\q'
x{a=b}
x{a~"b"}
1 1
x y
@ 1
x[5m] offset 1m[5m]
(x)[5m]
rate(x[5m])[5m]
topk(x)
count_values(1, x)
quantile("a", x)
label_replace(x, "a")
round(x, 1, 2)
pi(1)
vector(x)
x offset 5m[5m]
x @ 1[5m]
sum(x) by (a) by (b)
-"a"
-x[5m]
x[5m] + 1
"a" + 1
by
sum
x !y
0x
1e
1.2.3
x{a="b"}[5m:]:
'''.split('\n')
hand = [h for h in hand if h != '']
# Multi-line entries: join the comment block entries
ml = ["# leading comment\nup", "sum( # the aggregation\n  rate(x[5m]) # per second\n)", "up\n# trailing\n", "sum by (job) (\n  rate(x[5m])\n)\n/\nsum(rate(x[5m]))"]
skip = {"# leading comment", "sum( # the aggregation", "  rate(x[5m]) # per second", ")"}
hand = [h for h in hand if h not in skip] + ml
# combinatorial: functions over selectors with modifiers, aggregations x grouping, operators x matching
sels = ['x', 'x{a="b"}', '{__name__="x",a=~"b|c"}', 'x offset 5m', 'x @ 100']
for op in ['+','-','*','/','%','^','==','!=','>','<','>=','<=','and','or','unless','atan2']:
    for mod in ['', ' on (a)', ' ignoring (b)']:
        hand.append(f'x {op}{mod} y')
for agg in ['sum','avg','count','min','max','group','stddev','stdvar']:
    for g in [' by (a)', ' without (a, b)']:
        hand.append(f'{agg}{g} (rate(x[5m]))')
for s in sels:
    hand.append(f'rate({s.replace(" offset 5m","").replace(" @ 100","")}[5m]{" offset 5m" if "offset" in s else ""}{" @ 100" if "@" in s else ""})')
    hand.append(f'sum by (a) ({s})')
    hand.append(f'-{s}')
    hand.append(f'{s} > bool 0')
seen=set(); corpus=[]
for q in hand:
    if q in seen: continue
    seen.add(q); corpus.append(q)
def fmt(q):
    data = urllib.parse.urlencode({'query': q}).encode()
    with urllib.request.urlopen(urllib.request.Request(sys.argv[1] + '/api/v1/format_query', data=data)) as r:
        return json.load(r)

ok = bad = 0
with open(sys.argv[2], 'w') as out:
    for q in corpus + [i for i in invalid if i]:
        try:
            line = {'query': q, 'formatted': fmt(q)['data']}
            ok += 1
        except urllib.error.HTTPError as e:
            line = {'query': q, 'formatted': None, 'error': json.load(e).get('error')}
            bad += 1
        out.write(json.dumps(line, ensure_ascii=False) + '\n')
print(ok, bad)
