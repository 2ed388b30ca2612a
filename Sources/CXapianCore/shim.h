// libxapian is C++: nothing of it is exposed to Swift directly. This module exists so that
// SwiftPM learns the pkg-config flags and the apt provider for libxapian-dev; CXapian's
// C++ sources include <xapian.h> themselves.
#pragma once
