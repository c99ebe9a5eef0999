#include "skillscore/xlsx_writer.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <map>

#include "skillscore/i18n.h"
#include "skillscore/utf8.h"

namespace skillscore {

struct XlsxWriter::State {
  std::string path;
  std::string temporary;
  lxw_workbook* workbook = nullptr;
  lxw_worksheet* sheet = nullptr;
  lxw_format* bold = nullptr;
  std::map<int, lxw_format*> number_formats;  // by decimals
  std::vector<std::string> sheet_names;
};

namespace {

std::string SheetName(const std::string& name) {
  std::string cleaned;
  for (char c : name)
    cleaned += std::string_view("[]:*?/\\").find(c) == std::string_view::npos ? c : ' ';
  return cleaned.substr(0, Utf8Prefix(cleaned, 31));
}

}  // namespace

XlsxWriter::XlsxWriter(std::string path) : state_(std::make_unique<State>()) {
  state_->path = std::move(path);
  state_->temporary = state_->path + ".tmp-" + std::to_string(getpid());
  state_->workbook = workbook_new(state_->temporary.c_str());
  if (state_->workbook) {
    state_->bold = workbook_add_format(state_->workbook);
    format_set_bold(state_->bold);
  }
}

XlsxWriter::~XlsxWriter() {
  // Not closed: freed without writing anything.
  if (state_->workbook) lxw_workbook_free(state_->workbook);
}

void XlsxWriter::AddSheet(const std::string& name) {
  if (!state_->workbook) return;
  state_->sheet_names.push_back(SheetName(name));
  state_->sheet = workbook_add_worksheet(state_->workbook, state_->sheet_names.back().c_str());
}

void XlsxWriter::Header(int row, int column, const std::string& text) {
  if (!state_->sheet) return;
  worksheet_write_string(state_->sheet, static_cast<lxw_row_t>(row - 1),
                         static_cast<lxw_col_t>(column - 1), text.c_str(), state_->bold);
}

void XlsxWriter::Text(int row, int column, const std::string& text) {
  if (!state_->sheet || text.empty()) return;
  worksheet_write_string(state_->sheet, static_cast<lxw_row_t>(row - 1),
                         static_cast<lxw_col_t>(column - 1), text.c_str(), nullptr);
}

void XlsxWriter::Number(int row, int column, double value, int decimals) {
  if (!state_->sheet) return;
  lxw_format* format = nullptr;
  if (decimals >= 0) {
    lxw_format*& cached = state_->number_formats[decimals];
    if (!cached) {
      cached = workbook_add_format(state_->workbook);
      std::string pattern = decimals == 0 ? "0" : "0." + std::string(decimals, '0');
      format_set_num_format(cached, pattern.c_str());
    }
    format = cached;
  }
  worksheet_write_number(state_->sheet, static_cast<lxw_row_t>(row - 1),
                         static_cast<lxw_col_t>(column - 1), value, format);
}

void XlsxWriter::FreezeHeader(int last_row, int last_column) {
  if (!state_->sheet) return;
  worksheet_freeze_panes(state_->sheet, 1, 0);
  if (last_column >= 1) {
    worksheet_autofilter(state_->sheet, 0, 0, static_cast<lxw_row_t>(last_row - 1),
                         static_cast<lxw_col_t>(last_column - 1));
  }
}

void XlsxWriter::ColumnWidth(int first_column, int last_column, double width) {
  if (!state_->sheet) return;
  worksheet_set_column(state_->sheet, static_cast<lxw_col_t>(first_column - 1),
                       static_cast<lxw_col_t>(last_column - 1), width, nullptr);
}

tl::expected<void, std::string> XlsxWriter::Close() {
  if (!state_->workbook) {
    return tl::make_unexpected(Tr("cannot create the workbook '{0}'", state_->path));
  }
  // A file that cannot be created is reported here: libxlsxwriter would print its own message.
  if (std::FILE* probe = std::fopen(state_->temporary.c_str(), "wb")) {
    std::fclose(probe);
  } else {
    std::string reason = std::strerror(errno);
    lxw_workbook_free(state_->workbook);
    state_->workbook = nullptr;
    return tl::make_unexpected(Tr("cannot write the workbook '{0}': {1}", state_->path, reason));
  }
  lxw_error error = workbook_close(state_->workbook);
  state_->workbook = nullptr;
  if (error != LXW_NO_ERROR) {
    std::remove(state_->temporary.c_str());
    return tl::make_unexpected(
        Tr("cannot write the workbook '{0}': {1}", state_->path, lxw_strerror(error)));
  }
  if (std::rename(state_->temporary.c_str(), state_->path.c_str()) != 0) {
    std::remove(state_->temporary.c_str());
    return tl::make_unexpected(Tr("cannot write the workbook '{0}'", state_->path));
  }
  return {};
}

}  // namespace skillscore
