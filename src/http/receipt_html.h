// The printable receipt of a sale: one self-contained HTML page (inline
// styles, no script) sized for an 80 mm till printer or A4.
#pragma once

#include <string>

#include "app/sales.h"

namespace salon::http {

std::string ReceiptHtml(const ReceiptView& receipt);

}  // namespace salon::http
