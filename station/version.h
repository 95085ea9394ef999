/* The station's version, shown by --version and status. */
#ifndef ST_VERSION_H
#define ST_VERSION_H

#define STATION_VERSION "0.2.0"

#endif
