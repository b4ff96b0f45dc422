// erlangc --chart: the SVG is well-formed XML (libxml2) and carries the series, targets and
// answer the library computes (called directly here); the PNG is the size asked and not
// blank; headless Chromium draws the SVG (skipped, with a message, where no browser is
// installed); bad paths and failed runs leave no file.
#include "cli_test_support.hpp"

#include <erlang/erlang_a.hpp>
#include <erlang/erlang_b.hpp>
#include <erlang/erlang_c.hpp>
#include <erlang/staffing.hpp>

#include <cairo.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

using namespace erlangc::test;

std::string temp_path(const std::string& name) { return ::testing::TempDir() + name; }

std::string slurp_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// A parsed XML document (null when not well-formed).
using xml_doc = std::unique_ptr<xmlDoc, void (*)(xmlDoc*)>;

xml_doc parse_xml(const std::string& text) {
  return {xmlReadMemory(text.data(), static_cast<int>(text.size()), "chart.svg", nullptr,
                        XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING),
          xmlFreeDoc};
}

std::string attribute(xmlNode* n, const char* name) {
  xmlChar* v = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
  if (v == nullptr) {
    return "";
  }
  std::string s(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return s;
}

/// Every element below `n` that `wanted` accepts, in document order.
template <class Wanted>
void collect(xmlNode* n, const Wanted& wanted, std::vector<xmlNode*>& out) {
  for (xmlNode* c = n; c != nullptr; c = c->next) {
    if (c->type == XML_ELEMENT_NODE) {
      if (wanted(c)) {
        out.push_back(c);
      }
      collect(c->children, wanted, out);
    }
  }
}

std::vector<xmlNode*> elements(const xml_doc& doc, const std::string& cls) {
  std::vector<xmlNode*> out;
  collect(
      xmlDocGetRootElement(doc.get()), [&](xmlNode* e) { return attribute(e, "class") == cls; },
      out);
  return out;
}

std::vector<double> numbers(const std::string& text) {
  std::vector<double> v;
  std::istringstream in(text);
  std::string word;
  while (in >> word) {
    v.push_back(word == "nan" ? std::nan("") : std::stod(word));
  }
  return v;
}

/// The series named `name` (its data-values).
std::vector<double> series(const xml_doc& doc, const std::string& name) {
  for (xmlNode* n : elements(doc, "series")) {
    if (attribute(n, "data-name") == name) {
      return numbers(attribute(n, "data-values"));
    }
  }
  ADD_FAILURE() << "no series " << name;
  return {};
}

/// Fraction of the pixels of an image that are not white, and its size.
struct picture {
  int width = 0;
  int height = 0;
  double inked = 0;
};

picture look_at_png(const std::string& path) {
  const std::unique_ptr<cairo_surface_t, void (*)(cairo_surface_t*)> s(
      cairo_image_surface_create_from_png(path.c_str()), cairo_surface_destroy);
  picture p;
  if (cairo_surface_status(s.get()) != CAIRO_STATUS_SUCCESS) {
    return p;
  }
  cairo_surface_flush(s.get());
  p.width = cairo_image_surface_get_width(s.get());
  p.height = cairo_image_surface_get_height(s.get());
  const int stride = cairo_image_surface_get_stride(s.get());
  const unsigned char* data = cairo_image_surface_get_data(s.get());
  long inked = 0;
  for (int y = 0; y < p.height; ++y) {
    const auto* row = reinterpret_cast<const std::uint32_t*>(data + static_cast<long>(y) * stride);
    for (int x = 0; x < p.width; ++x) {
      if ((row[x] & 0xFFFFFFU) != 0xFFFFFFU) {
        ++inked;
      }
    }
  }
  p.inked = static_cast<double>(inked) / (static_cast<double>(p.width) * p.height);
  return p;
}

TEST(CliChart, CurveCarriesTheLibrarysMeasuresTargetsAndAnswer) {
  const std::string path = temp_path("curve.svg");
  const auto r = cli({"c", "--traffic", "10", "--aht", "3m", "--curve", "--service-level", "80/20s",
                      "--asa", "15s", "--chart", path});
  ASSERT_EQ(r.code, 0) << r.err;
  const xml_doc doc = parse_xml(slurp_file(path));
  ASSERT_TRUE(doc) << "not well-formed XML";
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(xmlDocGetRootElement(doc.get())->name)),
            "svg");
  const std::size_t answer = static_cast<std::size_t>(erlang::agents_for_targets(
      10.0, 180.0,
      erlang::staffing_targets<double>{.service_level = 0.8, .answer_time = 20, .max_asa = 15}));
  const auto sl = series(doc, "service level");
  const auto asa = series(doc, "ASA");
  const auto wait = series(doc, "P(wait)");
  // The answer - 5 .. the answer + 5, from 11 agents (10 E: fewer wait without bound).
  const std::size_t first = std::max<std::size_t>(answer - 5, 11);
  ASSERT_EQ(sl.size(), answer + 6 - first);
  for (std::size_t i = 0; i < sl.size(); ++i) {
    const auto n = static_cast<double>(first + i);
    EXPECT_DOUBLE_EQ(sl[i], erlang::service_level(10.0, n, 180.0, 20.0)) << n;
    EXPECT_DOUBLE_EQ(asa[i], erlang::average_speed_of_answer(10.0, n, 180.0)) << n;
    EXPECT_DOUBLE_EQ(wait[i], erlang::erlang_c(10.0, n)) << n;
  }
  std::vector<double> references;
  for (xmlNode* n : elements(doc, "reference")) {
    references.push_back(std::stod(attribute(n, "data-value")));
  }
  EXPECT_EQ(references, (std::vector<double>{0.8, 15}));
  const auto marker = elements(doc, "marker");
  ASSERT_FALSE(marker.empty());
  EXPECT_EQ(std::stod(attribute(marker.front(), "data-value")), static_cast<double>(answer));
  std::remove(path.c_str());
}

TEST(CliChart, ErlangAAndStaffChartsShowAbandonment) {
  const std::string a_path = temp_path("a.svg");
  ASSERT_EQ(cli({"a", "--traffic", "10", "--aht", "3m", "--patience", "2m", "--curve", "--agents",
                 "12", "--chart", a_path})
                .code,
            0);
  const xml_doc a = parse_xml(slurp_file(a_path));
  ASSERT_TRUE(a);
  const auto abandoned = series(a, "abandoned");
  ASSERT_EQ(abandoned.size(), 11U);  // 7 .. 17
  EXPECT_NEAR(abandoned[5], erlang::erlang_a(10.0, 12.0, 180.0, 120.0, 20.0).abandon_probability,
              1e-15);
  const std::string staff_path = temp_path("staff.svg");
  const auto staff = cli({"staff", "--traffic", "10", "--aht", "3m", "--patience", "2m",
                          "--service-level", "80/20s", "--chart", staff_path, "--format", "json"});
  ASSERT_EQ(staff.code, 0) << staff.err;
  const double agents = json::parse(staff.out)["agents"].get<double>();
  const xml_doc s = parse_xml(slurp_file(staff_path));
  ASSERT_TRUE(s);
  EXPECT_EQ(std::stod(attribute(elements(s, "marker").front(), "data-value")), agents);
  EXPECT_EQ(series(s, "service level").size(), 13U);  // six either side of the answer
  std::remove(a_path.c_str());
  std::remove(staff_path.c_str());
}

TEST(CliChart, CapacityTableHasALinePerTarget) {
  const std::string path = temp_path("table.svg");
  ASSERT_EQ(cli({"table", "--servers", "1-30", "--blocking", "1%,5%", "--chart", path}).code, 0);
  const xml_doc doc = parse_xml(slurp_file(path));
  ASSERT_TRUE(doc);
  for (const double b : {0.01, 0.05}) {
    const auto v = series(doc, fmt::format("blocking {:g} %", b * 100));
    ASSERT_EQ(v.size(), 30U);
    for (std::size_t m = 1; m <= 30; ++m) {
      EXPECT_DOUBLE_EQ(v[m - 1], erlang::traffic_for_blocking(static_cast<double>(m), b)) << m;
    }
  }
  std::remove(path.c_str());
}

TEST(CliChart, PngIsTheSvgDrawn) {
  const std::string path = temp_path("curve.png");
  ASSERT_EQ(
      cli({"c", "--traffic", "10", "--aht", "3m", "--curve", "--agents", "13", "--chart", path})
          .code,
      0);
  const std::string bytes = slurp_file(path);
  ASSERT_GT(bytes.size(), 8U);
  EXPECT_EQ(bytes.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  const picture p = look_at_png(path);
  EXPECT_EQ(p.width, 960);
  EXPECT_GT(p.height, 600);
  // Lines, text and axes on white: a few percent of the pixels, never none nor all.
  EXPECT_GT(p.inked, 0.01);
  EXPECT_LT(p.inked, 0.5);
  std::remove(path.c_str());
}

/// Headless Chromium, as the machine has it (or empty).
std::string chromium() {
  for (const char* c :
       {"/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"}) {
    if (std::filesystem::exists(c)) {
      return c;
    }
  }
  return "";
}

/// Draws `file` in headless Chromium to the PNG `shot` at width x height; true on success.
/// Each call has its own profile folder: two browsers on one profile (tests run in
/// parallel) refuse to start.
bool screenshot(const std::string& browser, const std::string& file, const std::string& shot,
                int width, int height) {
  const std::string profile =
      fmt::format("{}chromium-profile-{}-{}", ::testing::TempDir(),
                  ::testing::UnitTest::GetInstance()->current_test_info()->name(), ::getpid());
  const std::string command = fmt::format(
      "'{}' --headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
      "--disable-background-networking --disable-component-update --disable-sync "
      "--user-data-dir='{}' --hide-scrollbars --window-size={},{} "
      "--screenshot='{}' 'file://{}' >/dev/null 2>&1",
      browser, profile, width, height, shot, file);
  const int status = std::system(command.c_str());
  std::error_code ec;
  std::filesystem::remove_all(profile, ec);
  EXPECT_EQ(status, 0) << command;
  return status == 0;
}

/// Draws `file` in Chromium at width x height and checks the picture: that size, and
/// lines, text and axes on white (a few percent of the pixels inked, never none nor all).
/// Removes the file and the screenshot.
void expect_drawn(const std::string& file, int width, int height) {
  const std::string shot = file + ".png";
  std::remove(shot.c_str());
  if (screenshot(chromium(), file, shot, width, height)) {
    const picture p = look_at_png(shot);
    EXPECT_EQ(p.width, width);
    EXPECT_EQ(p.height, height);
    EXPECT_GT(p.inked, 0.01);
    EXPECT_LT(p.inked, 0.5);
  }
  std::remove(file.c_str());
  std::remove(shot.c_str());
}

TEST(CliChart, ChromiumDrawsTheSvg) {
  if (chromium().empty()) {
    GTEST_SKIP() << "no Chromium installed (apt-get install chromium): the browser check of "
                    "the chart is skipped";
  }
  const std::string svg = temp_path("browser.svg");
  ASSERT_EQ(cli({"table", "--servers", "1-20", "--chart", svg}).code, 0);
  expect_drawn(svg, 960, 480);
}

TEST(CliChart, BadPathsAndFailedRunsLeaveNoFile) {
  const auto gif = cli({"table", "--chart", temp_path("t.gif")});
  EXPECT_EQ(gif.code, 2);
  EXPECT_TRUE(contains(gif.err, "--chart")) << gif.err;
  EXPECT_EQ(gif.out, "");
  const auto no_curve =
      cli({"c", "--traffic", "10", "--aht", "3m", "--agents", "12", "--chart", temp_path("c.svg")});
  EXPECT_EQ(no_curve.code, 2);
  EXPECT_TRUE(contains(no_curve.err, "--curve")) << no_curve.err;
  // A folder that does not exist: the system's reason, exit 3, nothing on standard output.
  const auto missing = cli({"table", "--chart", "/nonexistent-folder/t.svg"});
  EXPECT_EQ(missing.code, 3);
  EXPECT_TRUE(contains(missing.err, "No such file or directory")) << missing.err;
  EXPECT_EQ(missing.out, "");
  // An overloaded curve fails (exit 1): no chart, and an existing file is kept as it was.
  const std::string kept = temp_path("kept.svg");
  std::ofstream(kept) << "before";
  const auto overloaded = cli({"c", "--traffic", "10", "--aht", "3m", "--curve", "--from", "1",
                               "--to", "5", "--chart", kept});
  EXPECT_EQ(overloaded.code, 1);
  EXPECT_EQ(slurp_file(kept), "before");
  std::remove(kept.c_str());
  for (const auto& entry : std::filesystem::directory_iterator(::testing::TempDir())) {
    EXPECT_EQ(entry.path().filename().string().find(".kept.svg."), std::string::npos)
        << "a temporary file was left: " << entry.path();
  }
}

/// Every element named `tag`, in document order.
std::vector<xmlNode*> tags(const xml_doc& doc, const std::string& tag) {
  std::vector<xmlNode*> out;
  collect(
      xmlDocGetRootElement(doc.get()),
      [&](xmlNode* e) { return tag == reinterpret_cast<const char*>(e->name); }, out);
  return out;
}

/// The day of examples/forecast.csv as a roster of 18 agents with 2-minute patience,
/// evaluated exactly: some intervals miss 80/20, others meet it.
std::vector<std::string> roster_day(const std::vector<std::string>& extra) {
  std::vector<std::string> args = {"plan",
                                   std::string(ERLANGC_EXAMPLES) + "/forecast.csv",
                                   "--agents",
                                   "18",
                                   "--patience",
                                   "2m",
                                   "--service-level",
                                   "80/20s",
                                   "--evaluate",
                                   "--format",
                                   "json"};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

TEST(CliChart, PlanChartCarriesTheDayAndItsMisses) {
  const std::string path = temp_path("day.svg");
  const auto r = cli(roster_day({"--chart", path}));
  ASSERT_EQ(r.code, 0) << r.err;
  const json rows = json::parse(r.out);
  const xml_doc doc = parse_xml(slurp_file(path));
  ASSERT_TRUE(doc) << "not well-formed XML";
  const auto agents = series(doc, "agents on the phones (roster)");
  const auto sl = series(doc, "service level");
  const auto abandoned = series(doc, "abandoned");
  const auto asa = series(doc, "ASA");
  ASSERT_EQ(agents.size(), rows.size() - 1);  // the last row is the totals
  std::set<std::size_t> missed;
  for (std::size_t i = 0; i + 1 < rows.size(); ++i) {
    EXPECT_EQ(agents[i], 18);
    EXPECT_DOUBLE_EQ(sl[i], rows[i]["service_level"].get<double>()) << i;
    EXPECT_DOUBLE_EQ(abandoned[i], rows[i]["abandon_probability"].get<double>()) << i;
    EXPECT_DOUBLE_EQ(asa[i], rows[i]["asa"].get<double>()) << i;
    if (!rows[i]["meets_target"].get<bool>()) {
      missed.insert(i);
    }
  }
  ASSERT_FALSE(missed.empty());
  ASSERT_LT(missed.size(), rows.size() - 1);
  std::set<std::size_t> shaded;
  for (xmlNode* n : elements(doc, "shaded")) {
    shaded.insert(static_cast<std::size_t>(std::stoul(attribute(n, "data-index"))));
  }
  EXPECT_EQ(shaded, missed);
  std::remove(path.c_str());
}

TEST(CliChart, PlanReportIsOneSelfContainedHtmlFile) {
  const std::string path = temp_path("plan.html");
  const auto r = cli(roster_day({"--report", path}));
  ASSERT_EQ(r.code, 0) << r.err;
  const json rows = json::parse(r.out);
  const std::string html = slurp_file(path);
  const xml_doc doc{htmlReadMemory(html.data(), static_cast<int>(html.size()), "plan.html", "utf-8",
                                   HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING),
                    xmlFreeDoc};
  ASSERT_TRUE(doc);
  // Nothing to fetch: no script, no stylesheet link, no image or frame source.
  EXPECT_TRUE(tags(doc, "script").empty());
  EXPECT_TRUE(tags(doc, "link").empty());
  for (const char* tag : {"img", "iframe", "object", "embed"}) {
    EXPECT_TRUE(tags(doc, tag).empty()) << tag;
  }
  // The chart is inline, with the day's series.
  ASSERT_EQ(tags(doc, "svg").size(), 1U);
  EXPECT_EQ(series(doc, "service level").size(), rows.size() - 1);
  // The table: a row per interval, the missed ones marked, then the totals.
  std::size_t body_rows = 0;
  std::size_t marked = 0;
  std::size_t missed = 0;
  for (xmlNode* tr : tags(doc, "tr")) {
    const std::string cls = attribute(tr, "class");
    if (cls == "missed") {
      ++marked;
    }
    if (tr->parent != nullptr &&
        std::string(reinterpret_cast<const char*>(tr->parent->name)) == "tbody") {
      ++body_rows;
    }
  }
  for (std::size_t i = 0; i + 1 < rows.size(); ++i) {
    missed += rows[i]["meets_target"].get<bool>() ? 0 : 1;
  }
  EXPECT_EQ(body_rows, rows.size());  // the intervals and the totals row
  EXPECT_EQ(marked, missed);
  EXPECT_TRUE(contains(html, "exact evaluation")) << "the method's note";
  EXPECT_TRUE(contains(html, "forecast.csv"));
  std::remove(path.c_str());
}

TEST(CliChart, ChromiumDrawsTheReport) {
  if (chromium().empty()) {
    GTEST_SKIP() << "no Chromium installed (apt-get install chromium): the browser check of "
                    "the report is skipped";
  }
  const std::string html = temp_path("browser-report.html");
  ASSERT_EQ(cli(roster_day({"--report", html})).code, 0);
  expect_drawn(html, 1200, 1600);
}

TEST(CliChart, FailedPlanLeavesNoReport) {
  const std::string kept = temp_path("kept.html");
  std::ofstream(kept) << "before";
  // 10 agents at most cannot meet 80/20 at the forecast's peak: infeasible, exit 1.
  const auto r = cli({"plan", std::string(ERLANGC_EXAMPLES) + "/forecast.csv", "--service-level",
                      "80/20s", "--max-agents", "10", "--method", "exact", "--report", kept});
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(slurp_file(kept), "before");
  std::remove(kept.c_str());
}

TEST(CliChart, ErlangXCurveIsTheMeasuresAtEachAgentCount) {
  const std::string path = temp_path("x.svg");
  const std::vector<std::string> model = {"x",   "--traffic",        "10", "--aht",
                                          "3m",  "--patience",       "2m", "--redial-abandoned",
                                          "30%", "--queue-capacity", "8"};
  std::vector<std::string> staff = model;
  staff.insert(staff.end(), {"--service-level", "80/20s", "--chart", path, "--format", "json"});
  const auto r = cli(staff);
  ASSERT_EQ(r.code, 0) << r.err;
  const double agents = json::parse(r.out)["agents"].get<double>();
  const xml_doc doc = parse_xml(slurp_file(path));
  ASSERT_TRUE(doc);
  EXPECT_EQ(std::stod(attribute(elements(doc, "marker").front(), "data-value")), agents);
  const auto sl = series(doc, "service level (offered)");
  const auto abandoned = series(doc, "abandoned");
  const auto blocked = series(doc, "blocked");
  const double first = std::max(1.0, agents - 10);
  ASSERT_EQ(sl.size(), static_cast<std::size_t>(agents + 10 - first + 1));
  // Each point is what `x --agents n` reports.
  for (std::size_t i = 0; i < sl.size(); ++i) {
    std::vector<std::string> at = model;
    at.insert(at.end(),
              {"--agents", fmt::format("{:g}", first + static_cast<double>(i)), "--target", "20s"});
    const json m = json_of(at);
    EXPECT_DOUBLE_EQ(sl[i], m["service_level"].get<double>()) << i;
    EXPECT_DOUBLE_EQ(abandoned[i], m["abandon_probability"].get<double>()) << i;
    EXPECT_DOUBLE_EQ(blocked[i], m["blocking"].get<double>()) << i;
  }
  std::remove(path.c_str());
}

}  // namespace
