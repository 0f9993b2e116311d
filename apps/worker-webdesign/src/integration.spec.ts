import { describeCategoryThroughGateway } from '@mcp/core-protocol/testing';
import cases from '@mcp/bench/tools-webdesign';

describeCategoryThroughGateway('webdesign', cases);
